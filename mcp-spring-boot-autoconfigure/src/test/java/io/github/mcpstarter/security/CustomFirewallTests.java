package io.github.mcpstarter.security;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.web.firewall.StrictHttpFirewall;

import static io.github.mcpstarter.security.ScopeStepUpTests.assertToolResult;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application that relaxes its firewall through {@code WebSecurity.httpFirewall(...)}, with no
 * {@code HttpFirewall} bean: a tool call passes the firewall that the REST call passes, not a
 * stricter default.
 */
@SpringBootTest(classes = { SecuredFixtureApplication.class, CustomFirewallTests.RelaxedFirewall.class },
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.autoconfigure.exclude=", "mcp.server.security.allow-unauthenticated=false",
				"spring.application.name=things-service" })
class CustomFirewallTests extends SecuredMcpTestSupport {

	@Test
	void toolCallPassesTheFirewallTheRestCallPasses() throws Exception {
		String token = token("alice", "things.read");
		assertThat(this.http.send("GET", "/things/100%25", token, NO_HEADERS).statusCode()).isEqualTo(200);
		String session = this.http.openSession(token);
		assertToolResult(this.http.callTool(token, session, "get_thing", "{\"id\":\"100%\"}"), "thing 100%");
		// What the relaxed firewall still refuses, the tool call is refused too (before any request).
		assertThat(this.http.callTool(token, session, "get_thing", "{\"id\":\"..\"}").body())
			.contains("is no single path segment");
	}

	@TestConfiguration
	static class RelaxedFirewall {

		@Bean
		WebSecurityCustomizer allowEncodedPercent() {
			StrictHttpFirewall firewall = new StrictHttpFirewall();
			firewall.setAllowUrlEncodedPercent(true);
			return (web) -> web.httpFirewall(firewall);
		}

	}

}
