package io.github.mcpstarter.security;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import io.github.mcpstarter.McpTool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Secure by default: an application whose MCP endpoints nothing protects does not start, unless
 * it says so explicitly.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SecureByDefaultTests {

	/** Spring Security on, as in a real application; the test resources leave it out. */
	private static final String[] SECURED = { "--server.port=0", "--spring.main.banner-mode=off",
			"--spring.autoconfigure.exclude=", "--mcp.server.security.allow-unauthenticated=false" };

	@Test
	void applicationWithoutAnyResourceServerFailsToStartNamingBothWaysOut() {
		assertThatThrownBy(() -> run(UnprotectedApplication.class, SECURED)).satisfies((failure) -> {
			String messages = messages(failure);
			assertThat(messages).contains("mcp.server.security.allow-unauthenticated")
				.contains("spring.security.oauth2.resourceserver.jwt.issuer-uri");
		});
	}

	@Test
	void applicationWithoutAnyResourceServerStartsWhenItOptsOutExplicitly() {
		try (ConfigurableApplicationContext context = run(UnprotectedApplication.class, "--server.port=0",
				"--spring.main.banner-mode=off", "--spring.autoconfigure.exclude=",
				"--mcp.server.security.allow-unauthenticated=true")) {
			assertThat(context.isActive()).isTrue();
			assertThat(context.containsBean("mcpSecurityFilterChain")).isFalse();
		}
	}

	@Test
	void applicationWithItsOwnMcpSecurityFilterChainStartsWithoutAResourceServer() {
		try (ConfigurableApplicationContext context = run(OwnChainApplication.class, SECURED)) {
			assertThat(context.isActive()).isTrue();
			assertThat(context.getBean("mcpSecurityFilterChain")).isInstanceOf(SecurityFilterChain.class);
		}
	}

	private static ConfigurableApplicationContext run(Class<?> application, String... args) {
		return new SpringApplication(application).run(args);
	}

	private static String messages(Throwable failure) {
		List<String> messages = new ArrayList<>();
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			messages.add(cause.getClass().getName() + ": " + cause.getMessage());
		}
		return String.join("\n", messages);
	}

	@RestController
	public static class ToolController {

		@McpTool(description = "Says hello")
		@GetMapping("/hello")
		public String hello() {
			return "hello";
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import(ToolController.class)
	static class UnprotectedApplication {

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import(ToolController.class)
	static class OwnChainApplication {

		@Bean
		@Order(1)
		SecurityFilterChain mcpSecurityFilterChain(HttpSecurity http) throws Exception {
			return http.securityMatcher("/mcp", "/sse", "/sse/message")
				.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated())
				.httpBasic(Customizer.withDefaults())
				.build();
		}

	}

}
