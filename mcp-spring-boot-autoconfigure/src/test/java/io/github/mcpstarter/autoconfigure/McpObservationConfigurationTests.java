package io.github.mcpstarter.autoconfigure;

import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

import io.github.mcpstarter.observation.DefaultMcpToolCallObservationConvention;
import io.github.mcpstarter.observation.McpAuditLog;
import io.github.mcpstarter.observation.McpToolCallObservationConvention;
import io.github.mcpstarter.observation.McpTransportMetrics;
import io.github.mcpstarter.observation.ObservationToolCallObserver;
import io.github.mcpstarter.protocol.JsonRpcMessage;
import io.github.mcpstarter.protocol.McpRequestContext;
import io.github.mcpstarter.protocol.McpServer;
import io.github.mcpstarter.protocol.ProtocolVersions;
import io.github.mcpstarter.protocol.TransportContext;
import io.github.mcpstarter.transport.TransportStartupLog;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Conditions, back-off and properties of {@link McpObservationConfiguration}: observation, audit
 * log, gauges and the startup lines.
 */
class McpObservationConfigurationTests {

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withPropertyValues("mcp.server.security.allow-unauthenticated=true")
		.withUserConfiguration(McpServerAutoConfigurationTests.ToolController.class)
		.withConfiguration(AutoConfigurations.of(McpServerAutoConfiguration.class, DispatcherServletAutoConfiguration.class,
				WebMvcAutoConfiguration.class, HttpMessageConvertersAutoConfiguration.class,
				JacksonAutoConfiguration.class));

	@Test
	void defaultsObserveAuditGaugeAndAnnounce() {
		this.contextRunner.run((context) -> assertThat(context).hasSingleBean(ObservationToolCallObserver.class)
			.hasSingleBean(McpAuditLog.class)
			.hasSingleBean(McpTransportMetrics.class)
			.hasSingleBean(TransportStartupLog.class));
	}

	@Test
	void auditLogCanBeSwitchedOff() {
		this.contextRunner.withPropertyValues("mcp.server.audit.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(McpAuditLog.class)
				.hasSingleBean(ObservationToolCallObserver.class));
	}

	@Test
	void withoutMicrometerMetricsThereAreNoGauges() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(MeterBinder.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(McpTransportMetrics.class)
				.hasSingleBean(ObservationToolCallObserver.class));
	}

	@Test
	void toolCallsAreObservedIntoTheApplicationsRegistryWithTheUsersConvention() {
		this.contextRunner.withUserConfiguration(RegistryAndConvention.class).run((context) -> {
			McpServer server = context.getBean(McpServer.class);
			server.handle(new JsonRpcMessage.Request(1L, "tools/call",
					JsonMapper.builder().build().readTree("{\"name\":\"hello\"}")),
					new McpRequestContext(null, ProtocolVersions.LATEST, TransportContext.EMPTY));
			TestObservationRegistryAssert.assertThat(context.getBean(TestObservationRegistry.class))
				.hasObservationWithNameEqualTo("agents.tool.calls")
				.that()
				.hasLowCardinalityKeyValue("mcp.tool.name", "hello");
		});
	}

	@Test
	void usersObserverReplacesTheDefault() {
		this.contextRunner.withUserConfiguration(OwnObserver.class)
			.run((context) -> assertThat(context).hasSingleBean(ObservationToolCallObserver.class)
				.hasBean("ownObserver"));
	}

	@Configuration(proxyBeanMethods = false)
	static class RegistryAndConvention {

		@Bean
		TestObservationRegistry observationRegistry() {
			return TestObservationRegistry.create();
		}

		@Bean
		McpToolCallObservationConvention agentsConvention() {
			return new DefaultMcpToolCallObservationConvention() {
				@Override
				public String getName() {
					return "agents.tool.calls";
				}
			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnObserver {

		@Bean
		ObservationToolCallObserver ownObserver() {
			return new ObservationToolCallObserver(TestObservationRegistry.create(), null);
		}

	}

}
