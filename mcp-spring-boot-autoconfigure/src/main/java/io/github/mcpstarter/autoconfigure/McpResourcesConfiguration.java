package io.github.mcpstarter.autoconfigure;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.github.mcpstarter.McpResourceUpdatedEvent;
import io.github.mcpstarter.discovery.McpEndpointScanner;
import io.github.mcpstarter.invocation.EndpointResourcePublisher;
import io.github.mcpstarter.invocation.MvcDispatcher;
import io.github.mcpstarter.invocation.ToolRequestAuthorizer;
import io.github.mcpstarter.protocol.JsonRpcCodec;
import io.github.mcpstarter.protocol.McpFeature;
import io.github.mcpstarter.protocol.ResourceRegistry;
import io.github.mcpstarter.protocol.ResourceTemplateRegistry;
import io.github.mcpstarter.protocol.ResourceUpdates;
import io.github.mcpstarter.protocol.ResourcesFeature;

/**
 * The resources feature: {@code @McpResource} endpoints published as resources and resource
 * templates, read in process, and their updates told to the clients subscribed to them. The two
 * registries are beans of {@code OfferingRegistry}, so security covers them as it covers tools.
 */
@Configuration(proxyBeanMethods = false)
class McpResourcesConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ResourceRegistry mcpResourceRegistry() {
		return new ResourceRegistry();
	}

	@Bean
	@ConditionalOnMissingBean
	ResourceTemplateRegistry mcpResourceTemplateRegistry() {
		return new ResourceTemplateRegistry();
	}

	@Bean
	@ConditionalOnMissingBean
	ResourceUpdates mcpResourceUpdates() {
		return new ResourceUpdates();
	}

	/**
	 * The feature, among the server's features. Conditional on its name, not its type: every feature
	 * is a bean of this type. An application replaces it, or leaves resources out, with a bean of
	 * that name.
	 */
	@Bean
	@ConditionalOnMissingBean(name = "mcpResourcesFeature")
	McpFeature.Factory mcpResourcesFeature(ResourceRegistry resources, ResourceTemplateRegistry templates,
			ResourceUpdates updates) {
		return ResourcesFeature.factory(resources, templates, updates);
	}

	@Bean
	@ConditionalOnMissingBean
	EndpointResourcePublisher mcpEndpointResourcePublisher(McpEndpointScanner scanner, MvcDispatcher dispatcher,
			ResourceRegistry resources, ResourceTemplateRegistry templates, JsonRpcCodec codec,
			ObjectProvider<ToolRequestAuthorizer> authorizer, McpServerProperties properties) {
		return new EndpointResourcePublisher(scanner, dispatcher, resources, templates, codec.mapper(),
				authorizer.getIfAvailable(() -> ToolRequestAuthorizer.ALLOW_ALL),
				properties.getTools().getMaxResponseSize().toBytes(), properties.getResources().getUriScheme());
	}

	/** The application's {@link McpResourceUpdatedEvent}s, told to the subscribers of the URI. */
	@Bean
	@ConditionalOnMissingBean(name = "mcpResourceUpdatedListener")
	ApplicationListener<McpResourceUpdatedEvent> mcpResourceUpdatedListener(ResourceUpdates updates) {
		return (event) -> updates.updated(event.getUri());
	}

}
