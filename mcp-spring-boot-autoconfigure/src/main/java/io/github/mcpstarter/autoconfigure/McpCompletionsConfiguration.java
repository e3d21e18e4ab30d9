package io.github.mcpstarter.autoconfigure;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.github.mcpstarter.discovery.McpEndpointScanner;
import io.github.mcpstarter.invocation.MvcDispatcher;
import io.github.mcpstarter.invocation.SpringMvcCompletions;
import io.github.mcpstarter.invocation.ToolRequestAuthorizer;
import io.github.mcpstarter.protocol.CompletionSource;
import io.github.mcpstarter.protocol.CompletionsFeature;
import io.github.mcpstarter.protocol.JsonRpcCodec;
import io.github.mcpstarter.protocol.McpFeature;
import io.github.mcpstarter.protocol.OfferingRegistry;

/**
 * Completions ({@code completion/complete}) of prompt arguments and resource template variables,
 * from the GET endpoints {@code @McpCompletion} names and from enum types.
 */
@Configuration(proxyBeanMethods = false)
class McpCompletionsConfiguration {

	@Bean
	@ConditionalOnMissingBean(CompletionSource.Lookup.class)
	SpringMvcCompletions mcpCompletionSources(McpEndpointScanner scanner, MvcDispatcher dispatcher,
			JsonRpcCodec codec, ObjectProvider<ToolRequestAuthorizer> authorizer, McpServerProperties properties) {
		return new SpringMvcCompletions(scanner, dispatcher, codec.mapper(),
				authorizer.getIfAvailable(() -> ToolRequestAuthorizer.ALLOW_ALL),
				properties.getTools().getMaxResponseSize().toBytes());
	}

	@Bean
	@ConditionalOnMissingBean(name = "mcpCompletionsFeature")
	McpFeature.Factory mcpCompletionsFeature(ObjectProvider<OfferingRegistry<?>> offerings,
			CompletionSource.Lookup sources) {
		// Prompts and resource templates are looked up among every registry, whichever features publish them.
		return (support) -> new CompletionsFeature(offerings.orderedStream().toList(), sources, support);
	}

}
