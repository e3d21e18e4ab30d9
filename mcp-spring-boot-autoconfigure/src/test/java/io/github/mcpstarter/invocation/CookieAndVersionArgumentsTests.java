package io.github.mcpstarter.invocation;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.github.mcpstarter.fixture.MvcArgumentsApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cookies named in {@code @McpTool(cookies)} are tool arguments; API-versioned mappings
 * (Spring Framework 7's {@code version} attribute, read here from the {@code API-Version}
 * header) each run their own version, whatever version the MCP request itself carries.
 */
@SpringBootTest(classes = MvcArgumentsApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CookieAndVersionArgumentsTests {

	@LocalServerPort
	int port;

	@Test
	void aPublishedCookieIsAnArgumentSentAsACookie() {
		try (ToolCalls tools = new ToolCalls(this.port)) {
			assertThat(tools.inputSchema("session").at("/required/0").asString()).isEqualTo("session");
			assertThat(tools.success("session", Map.of("session", "s-1")).path("session").asString()).isEqualTo("s-1");
			assertThat(tools.error("session", Map.of())).contains("missing required argument 'session'");
		}
	}

	@Test
	void eachVersionedToolRunsItsOwnVersionsHandler() {
		try (ToolCalls tools = new ToolCalls(this.port)) {
			assertThat(tools.success("greeting_v1", Map.of()).path("version").asString()).isEqualTo("1.0");
			assertThat(tools.success("greeting_v1_1", Map.of()).path("version").asString()).isEqualTo("1.1");
		}
	}

	@Test
	void theMcpRequestsOwnVersionHeaderDecidesNothing() {
		try (ToolCalls tools = new ToolCalls(this.port, Map.of("API-Version", "1.1"))) {
			assertThat(tools.success("greeting_v1", Map.of()).path("version").asString()).isEqualTo("1.0");
			assertThat(tools.success("greeting_v1_1", Map.of()).path("header").asString()).isEqualTo("1.1");
		}
	}

	@Test
	void aVersionTheApplicationDoesNotKnowOnTheMcpRequestBreaksNoTool() {
		try (ToolCalls tools = new ToolCalls(this.port, Map.of("API-Version", "9.9"))) {
			assertThat(tools.success("greeting_v1_1", Map.of()).path("version").asString()).isEqualTo("1.1");
			// An unversioned endpoint runs with none: the application's default applies.
			assertThat(tools.success("unversioned", Map.of()).path("header").asString()).isEqualTo("null");
		}
	}

}
