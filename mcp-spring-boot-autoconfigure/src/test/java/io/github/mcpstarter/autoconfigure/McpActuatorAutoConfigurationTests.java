package io.github.mcpstarter.autoconfigure;

import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;

import io.github.mcpstarter.actuate.McpHealthIndicator;
import io.github.mcpstarter.actuate.McpServerEndpoint;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Conditions and back-off of {@link McpActuatorAutoConfiguration}.
 */
class McpActuatorAutoConfigurationTests {

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withPropertyValues("mcp.server.security.allow-unauthenticated=true")
		.withUserConfiguration(McpServerAutoConfigurationTests.ToolController.class)
		.withConfiguration(AutoConfigurations.of(McpServerAutoConfiguration.class, McpActuatorAutoConfiguration.class,
				DispatcherServletAutoConfiguration.class, WebMvcAutoConfiguration.class,
				HttpMessageConvertersAutoConfiguration.class, JacksonAutoConfiguration.class));

	@Test
	void endpointExistsOnlyWhenExposed() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(McpServerEndpoint.class));
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=mcp")
			.run((context) -> {
				assertThat(context).hasSingleBean(McpServerEndpoint.class);
				McpServerEndpoint.McpServerDescriptor descriptor = context.getBean(McpServerEndpoint.class).mcp();
				assertThat(descriptor.tools()).extracting(McpServerEndpoint.ToolDescriptor::name).containsExactly("hello");
				assertThat(descriptor.tools().get(0).requiredScopes()).isEmpty();
				assertThat(descriptor.transports()).extracting(McpServerEndpoint.TransportDescriptor::name)
					.containsExactly("streamable-http", "sse");
			});
	}

	@Test
	void transportsShowTheirPublicUrlAndWhetherTheyAreEnabled() {
		this.contextRunner
			.withPropertyValues("management.endpoints.web.exposure.include=mcp",
					"mcp.server.public-url=https://api.example.com/", "mcp.server.sse.enabled=false")
			.run((context) -> {
				McpServerEndpoint.McpServerDescriptor descriptor = context.getBean(McpServerEndpoint.class).mcp();
				assertThat(descriptor.transports().get(0).url()).isEqualTo("https://api.example.com/mcp");
				assertThat(descriptor.transports().get(1).enabled()).isFalse();
				assertThat(descriptor.transports().get(1).liveSessions()).isZero();
			});
	}

	@Test
	void healthIndicatorIsOnByDefaultAndFollowsItsProperty() {
		this.contextRunner.run((context) -> assertThat(context).hasSingleBean(McpHealthIndicator.class)
			.hasBean("mcpHealthIndicator"));
		this.contextRunner.withPropertyValues("management.health.mcp.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(McpHealthIndicator.class));
	}

	@Test
	void withoutActuatorThereIsNeitherEndpointNorHealth() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=mcp")
			.withClassLoader(new FilteredClassLoader(Endpoint.class, HealthIndicator.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(McpServerEndpoint.class)
				.doesNotHaveBean(McpHealthIndicator.class));
	}

	@Test
	void withoutTheMcpServerThereIsNothingToShow() {
		this.contextRunner.withPropertyValues("mcp.server.enabled=false", "management.endpoints.web.exposure.include=mcp")
			.run((context) -> assertThat(context).doesNotHaveBean(McpServerEndpoint.class)
				.doesNotHaveBean(McpHealthIndicator.class));
	}

}
