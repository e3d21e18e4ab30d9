package io.github.mcpstarter.autoconfigure;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.github.mcpstarter.discovery.McpEndpointScanner;
import io.github.mcpstarter.invocation.EndpointPromptPublisher;
import io.github.mcpstarter.invocation.MvcDispatcher;
import io.github.mcpstarter.invocation.ToolRequestAuthorizer;
import io.github.mcpstarter.protocol.JsonRpcCodec;
import io.github.mcpstarter.protocol.McpFeature;
import io.github.mcpstarter.protocol.PromptRegistry;
import io.github.mcpstarter.protocol.PromptsFeature;

/**
 * The prompts feature: {@code @McpPrompt} endpoints published as prompts, and the server's
 * {@code prompts/list} and {@code prompts/get}.
 *
 * <p>The registry is a bean of its own, so security covers it as it covers the tools (every
 * {@code OfferingRegistry} bean gets the URL rules, method security and scopes), and an
 * application may publish prompts of its own through it.
 */
@Configuration(proxyBeanMethods = false)
class McpPromptsConfiguration {

	@Bean
	@ConditionalOnMissingBean
	PromptRegistry mcpPromptRegistry() {
		return new PromptRegistry();
	}

	@Bean
	@ConditionalOnMissingBean
	EndpointPromptPublisher mcpEndpointPromptPublisher(McpEndpointScanner scanner, MvcDispatcher dispatcher,
			PromptRegistry promptRegistry, JsonRpcCodec codec, ObjectProvider<ToolRequestAuthorizer> authorizer,
			McpServerProperties properties) {
		return new EndpointPromptPublisher(scanner, dispatcher, promptRegistry, codec.mapper(),
				authorizer.getIfAvailable(() -> ToolRequestAuthorizer.ALLOW_ALL),
				properties.getTools().getMaxResponseSize().toBytes());
	}

	/** By name: other features are {@code McpFeature.Factory} beans too, and must not displace this one. */
	@Bean
	@ConditionalOnMissingBean(name = "mcpPromptsFeature")
	McpFeature.Factory mcpPromptsFeature(PromptRegistry promptRegistry) {
		return PromptsFeature.factory(promptRegistry);
	}

}
