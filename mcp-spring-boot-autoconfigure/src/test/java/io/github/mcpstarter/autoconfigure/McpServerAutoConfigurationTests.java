package io.github.mcpstarter.autoconfigure;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.util.unit.DataSize;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.DispatcherServlet;

import io.github.mcpstarter.McpTool;
import io.github.mcpstarter.discovery.McpToolDefinitionException;
import io.github.mcpstarter.invocation.EndpointToolPublisher;
import io.github.mcpstarter.invocation.OutputSchemaPolicy;
import io.github.mcpstarter.protocol.InMemoryMcpSessionStore;
import io.github.mcpstarter.protocol.McpServer;
import io.github.mcpstarter.protocol.McpSessionStore;
import io.github.mcpstarter.protocol.SessionOwner;
import io.github.mcpstarter.protocol.ToolRegistry;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Conditions, back-off and properties of {@link McpServerAutoConfiguration}.
 */
class McpServerAutoConfigurationTests {

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withPropertyValues("mcp.server.security.allow-unauthenticated=true")
		.withConfiguration(AutoConfigurations.of(McpServerAutoConfiguration.class, DispatcherServletAutoConfiguration.class,
				WebMvcAutoConfiguration.class, HttpMessageConvertersAutoConfiguration.class,
				JacksonAutoConfiguration.class));

	@Test
	void servletWebApplicationGetsTheServerTransportAndPublisher() {
		this.contextRunner.withUserConfiguration(ToolController.class).run((context) -> {
			assertThat(context).hasSingleBean(McpServer.class)
				.hasSingleBean(ToolRegistry.class)
				.hasSingleBean(McpSessionStore.class)
				.hasSingleBean(EndpointToolPublisher.class)
				.hasBean("mcpStreamableHttpServlet")
				.hasBean("mcpOriginValidationFilter");
			assertThat(context.getBean("mcpStreamableHttpServlet", ServletRegistrationBean.class).getUrlMappings())
				.containsExactly("/mcp");
			assertThat(context.getBean("mcpOriginValidationFilter", FilterRegistrationBean.class).getUrlPatterns())
				.containsExactlyInAnyOrder("/mcp", "/sse", "/sse/message");
			assertThat(context.getBean(ToolRegistry.class).tools()).extracting((tool) -> tool.name())
				.containsExactly("hello");
		});
	}

	@Test
	void disabledByPropertyCreatesNothing() {
		this.contextRunner.withUserConfiguration(ToolController.class)
			.withPropertyValues("mcp.server.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(McpServer.class)
				.doesNotHaveBean(ToolRegistry.class)
				.doesNotHaveBean("mcpStreamableHttpServlet"));
	}

	@Test
	void nonWebApplicationCreatesNothing() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(McpServerAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(McpServer.class));
	}

	@Test
	void withoutSpringMvcCreatesNothing() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(DispatcherServlet.class))
			.run((context) -> assertThat(context).doesNotHaveBean(McpServer.class));
	}

	@Test
	void userSessionStoreReplacesTheDefault() {
		this.contextRunner.withUserConfiguration(CustomSessionStore.class).run((context) -> {
			assertThat(context).hasSingleBean(McpSessionStore.class);
			assertThat(context.getBean(McpSessionStore.class)).isSameAs(CustomSessionStore.STORE);
			assertThat(context.getBean(McpServer.class).sessions()).isSameAs(CustomSessionStore.STORE);
		});
	}

	@Test
	void outputSchemaPolicyHasADefaultAndAUserBeanReplacesIt() {
		this.contextRunner.run((context) -> assertThat(context).hasSingleBean(OutputSchemaPolicy.class));
		this.contextRunner.withUserConfiguration(CustomOutputSchemaPolicy.class)
			.run((context) -> assertThat(context.getBean(OutputSchemaPolicy.class))
				.isSameAs(CustomOutputSchemaPolicy.POLICY));
	}

	@Test
	void maxResponseSizeDefaultsToFourMegabytesAndCanBeSet() {
		this.contextRunner.run((context) -> assertThat(
				context.getBean(McpServerProperties.class).getTools().getMaxResponseSize())
			.isEqualTo(DataSize.ofMegabytes(4)));
		this.contextRunner.withPropertyValues("mcp.server.tools.max-response-size=64KB")
			.run((context) -> assertThat(context.getBean(McpServerProperties.class).getTools().getMaxResponseSize())
				.isEqualTo(DataSize.ofKilobytes(64)));
	}

	@Test
	void userTransportRegistrationReplacesTheDefault() {
		this.contextRunner.withUserConfiguration(CustomServletRegistration.class)
			.run((context) -> assertThat(context.getBean("mcpStreamableHttpServlet", ServletRegistrationBean.class)
				.getUrlMappings()).containsExactly("/custom"));
	}

	@Test
	void propertiesConfigurePathPageSizeAndServerInfo() {
		this.contextRunner
			.withPropertyValues("mcp.server.streamable-http.path=/agents", "mcp.server.tools.page-size=7",
					"mcp.server.session.idle-timeout=5m", "mcp.server.session.max-sessions=3",
					"mcp.server.security.allowed-origins=https://app.example.com", "spring.application.name=orders")
			.run((context) -> {
				assertThat(context.getBean("mcpStreamableHttpServlet", ServletRegistrationBean.class).getUrlMappings())
					.containsExactly("/agents");
				McpServerProperties properties = context.getBean(McpServerProperties.class);
				assertThat(properties.getTools().getPageSize()).isEqualTo(7);
				assertThat(properties.getSession().getIdleTimeout()).isEqualTo(Duration.ofMinutes(5));
				assertThat(properties.getSecurity().getAllowedOrigins()).containsExactly("https://app.example.com");
				McpSessionStore store = context.getBean(McpSessionStore.class);
				for (int i = 0; i < 3; i++) {
					store.create(null, io.github.mcpstarter.protocol.TransportContext.STREAMABLE_HTTP, "2025-11-25", null);
				}
				assertThat(store.size()).isEqualTo(3);
			});
	}

	@Test
	void serverNameDefaultsToApplicationNameAndCanBeSet() {
		this.contextRunner.withPropertyValues("spring.application.name=orders").run((context) -> {
			var initialized = context.getBean(McpServer.class)
				.serve(new io.github.mcpstarter.protocol.JsonRpcMessage.Request(1L, "initialize",
						tools.jackson.databind.json.JsonMapper.builder()
							.build()
							.readTree("{\"protocolVersion\":\"2025-11-25\"}")),
						new io.github.mcpstarter.protocol.McpExchange() {

							@Override
							public io.github.mcpstarter.protocol.TransportContext transport() {
								return io.github.mcpstarter.protocol.TransportContext.EMPTY;
							}

							@Override
							public java.util.List<String> versions() {
								return io.github.mcpstarter.protocol.ProtocolVersions.SUPPORTED;
							}

						});
			assertThat(((io.github.mcpstarter.protocol.InitializeResult) initialized.response().result()).serverInfo()
				.name()).isEqualTo("orders");
		});
		this.contextRunner.withPropertyValues("spring.application.name=orders", "mcp.server.name=agents-api")
			.run((context) -> assertThat(context.getBean(McpServerProperties.class).getName()).isEqualTo("agents-api"));
	}

	@Test
	void endpointThatCannotBePublishedFailsStartupNamingIt() {
		this.contextRunner.withUserConfiguration(BrokenController.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure())
				.isInstanceOf(McpToolDefinitionException.class)
				.hasMessageContaining("BrokenController.anything()")
				.hasMessageContaining("answers every HTTP method");
		});
	}

	@Test
	void configurationMetadataDescribesEveryProperty() throws Exception {
		var metadata = tools.jackson.databind.json.JsonMapper.builder()
			.build()
			.readTree(new org.springframework.core.io.ClassPathResource("META-INF/spring-configuration-metadata.json")
				.getInputStream());
		java.util.Map<String, String> descriptions = new java.util.TreeMap<>();
		metadata.get("properties")
			.forEach((property) -> descriptions.put(property.get("name").asString(),
					property.path("description").asString("")));
		assertThat(descriptions).containsKeys("mcp.server.enabled", "mcp.server.name", "mcp.server.version",
				"mcp.server.instructions", "mcp.server.streamable-http.path",
				"mcp.server.streamable-http.max-request-size", "mcp.server.session.idle-timeout",
				"mcp.server.session.max-sessions", "mcp.server.tools.page-size", "mcp.server.security.allowed-origins",
				"mcp.server.session.max-sessions-per-principal", "mcp.server.session.max-streams-per-principal",
				"mcp.server.session.max-stream-backlog", "mcp.server.session.max-stream-backlog-size",
				"mcp.server.tools.interrupt-on-cancel");
		assertThat(descriptions.values()).allSatisfy((description) -> assertThat(description).isNotBlank());
	}

	@Test
	void sessionQuotaPropertyLimitsSessionsPerPrincipal() {
		this.contextRunner.withPropertyValues("mcp.server.session.max-sessions-per-principal=2").run((context) -> {
			McpSessionStore store = context.getBean(McpSessionStore.class);
			SessionOwner alice = new SessionOwner("https://issuer", "alice", null);
			store.create(alice, "streamable-http", "2025-11-25", null);
			store.create(alice, "streamable-http", "2025-11-25", null);
			org.assertj.core.api.Assertions
				.assertThatExceptionOfType(McpSessionStore.SessionQuotaExceededException.class)
				.isThrownBy(() -> store.create(alice, "streamable-http", "2025-11-25", null));
			assertThat(store.create(new SessionOwner("https://issuer", "bob", null), "streamable-http", "2025-11-25",
					null)).isNotNull();
		});
	}

	@Test
	void streamAndCancellationPropertiesAreBound() {
		this.contextRunner
			.withPropertyValues("mcp.server.session.max-streams-per-principal=3",
					"mcp.server.session.max-stream-backlog=9", "mcp.server.session.max-stream-backlog-size=1MB",
					"mcp.server.tools.interrupt-on-cancel=true")
			.run((context) -> {
				McpServerProperties properties = context.getBean(McpServerProperties.class);
				assertThat(properties.getSession().getMaxStreamsPerPrincipal()).isEqualTo(3);
				assertThat(properties.getSession().getMaxStreamBacklog()).isEqualTo(9);
				assertThat(properties.getSession().getMaxStreamBacklogSize().toMegabytes()).isEqualTo(1);
				assertThat(properties.getTools().isInterruptOnCancel()).isTrue();
				assertThat(context).hasSingleBean(io.github.mcpstarter.transport.OpenStreams.class);
			});
	}

	@RestController
	static class ToolController {

		@McpTool
		@GetMapping("/hello")
		String hello() {
			return "hello";
		}

		@GetMapping("/not-a-tool")
		String notATool() {
			return "no";
		}

	}

	@RestController
	static class BrokenController {

		@McpTool
		@org.springframework.web.bind.annotation.RequestMapping("/anything")
		String anything() {
			return "any";
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CustomOutputSchemaPolicy {

		static final OutputSchemaPolicy POLICY = new OutputSchemaPolicy();

		@Bean
		OutputSchemaPolicy customOutputSchemaPolicy() {
			return POLICY;
		}

	}

	static class CustomSessionStore {

		static final McpSessionStore STORE = new InMemoryMcpSessionStore(Duration.ofSeconds(1), 1);

		@Bean
		McpSessionStore customStore() {
			return STORE;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CustomServletRegistration {

		@Bean
		ServletRegistrationBean<DispatcherServlet> mcpStreamableHttpServlet() {
			return new ServletRegistrationBean<>(new DispatcherServlet(), "/custom");
		}

	}

}
