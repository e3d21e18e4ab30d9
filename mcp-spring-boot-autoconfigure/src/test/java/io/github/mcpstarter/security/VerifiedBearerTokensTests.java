package io.github.mcpstarter.security;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.Order;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoders;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

import io.github.mcpstarter.McpTool;

import static io.github.mcpstarter.security.ScopeStepUpTests.assertToolResult;
import static io.github.mcpstarter.security.SecureMcpHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A tool call's token is verified once, by the MCP endpoint's chain, and the application's chain
 * that then runs on the in-process request reuses that verification instead of checking the
 * signature again, while still building the caller's authentication with its own converter.
 *
 * <p>The fixture's {@link JwtDecoder} bean counts the tokens it really verifies; its chain maps
 * the {@code roles} claim, and keeps only the scopes it knows, with a converter of its own that is
 * no bean, so the MCP endpoint's chain cannot know it: the authorities a call sees show whose
 * authentication it is.
 */
@SpringBootTest(classes = VerifiedBearerTokensTests.CountingFixtureApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.autoconfigure.exclude=", "mcp.server.security.allow-unauthenticated=false" })
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class VerifiedBearerTokensTests {

	@LocalServerPort
	int port;

	@Autowired
	ApplicationContext context;

	SecureMcpHttp http;

	@BeforeEach
	void createClient() {
		this.http = new SecureMcpHttp("http://127.0.0.1:" + this.port);
	}

	private String token(String subject) {
		return LocalIssuer.get()
			.token(subject)
			.audience("http://127.0.0.1:" + this.port + "/mcp")
			.scopes("ledger.read", "profile")
			.claim("roles", List.of("CLERK"))
			.sign();
	}

	private int verifications() {
		return this.context.getBean(Verifications.class).count.get();
	}

	@Test
	void toolCallVerifiesTheCallersTokenOnce() throws Exception {
		String token = token("ada");
		String session = this.http.openSession(token);
		for (int call = 0; call < 3; call++) {
			int before = verifications();
			assertToolResult(this.http.callTool(token, session, "ledger", null), "ledger of ada");
			assertThat(verifications() - before).as("signature checks for tool call %d", call).isEqualTo(1);
		}
	}

	@Test
	void toolCallOverTheLegacySseTransportVerifiesTheCallersTokenOnce() throws Exception {
		String token = token("ada");
		try (SecureMcpHttp.SseConnection sse = this.http.openSse(token)) {
			String endpoint = sse.next("endpoint").data();
			this.http.exchange("POST", endpoint, token, SecureMcpHttp.initializeRequest("2024-11-05"), Map.of());
			sse.nextResponse(1);
			int before = verifications();
			this.http.exchange("POST", endpoint, token,
					SecureMcpHttp.request(5, "tools/call", "{\"name\":\"ledger\",\"arguments\":{}}"), Map.of());
			JsonNode result = sse.nextResponse(5);
			assertThat(result.at("/result/content/0/text").asString()).as(result.toString()).contains("ledger of ada");
			assertThat(verifications() - before).isEqualTo(1);
		}
	}

	@Test
	void restCallVerifiesItsTokenOnceAsBefore() throws Exception {
		String token = token("ada");
		int before = verifications();
		HttpResponse<String> response = this.http.send("GET", "/ledger", token, Map.of());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(verifications() - before).isEqualTo(1);
	}

	@Test
	void toolCallSeesTheAuthenticationTheApplicationsOwnConverterBuilds() throws Exception {
		String token = token("ada");
		String session = this.http.openSession(token);
		HttpResponse<String> called = this.http.callTool(token, session, "whoami", null);
		String text = json(called).at("/result/content/0/text").asString();
		// The application's converter keeps only the scopes it knows and adds the roles; the MCP
		// endpoint's chain (Boot's default converter) would have given SCOPE_profile and no role.
		assertThat(text).as(called.body()).contains("ROLE_CLERK", "SCOPE_ledger.read").doesNotContain("SCOPE_profile");
		assertThat(this.http.send("GET", "/whoami", token, Map.of()).body()).isEqualTo(text);
	}

	@Test
	void everyCallerIsVerifiedForItsOwnToken() throws Exception {
		String ada = token("ada");
		String bob = token("bob");
		String adasSession = this.http.openSession(ada);
		String bobsSession = this.http.openSession(bob);
		assertToolResult(this.http.callTool(ada, adasSession, "ledger", null), "ledger of ada");
		assertToolResult(this.http.callTool(bob, bobsSession, "ledger", null), "ledger of bob");
		assertToolResult(this.http.callTool(ada, adasSession, "ledger", null), "ledger of ada");
	}

	@Test
	void decoderIsStillTheApplicationsJwtDecoderBean() {
		assertThat(AopUtils.isAopProxy(this.context.getBean(JwtDecoder.class))).isTrue();
		assertThat(this.context.getBeansOfType(JwtDecoder.class)).hasSize(1);
		assertThat(this.context.getBean(JwtDecoder.class).decode(token("ada")).getSubject()).isEqualTo("ada");
	}

	@Nested
	@TestPropertySource(properties = "mcp.server.security.reuse-verified-token=false")
	class SwitchedOff {

		@Test
		void toolCallVerifiesTheTokenInBothChainsAndTheDecoderIsNotProxied() throws Exception {
			assertThat(AopUtils.isAopProxy(VerifiedBearerTokensTests.this.context.getBean(JwtDecoder.class))).isFalse();
			String token = token("ada");
			String session = VerifiedBearerTokensTests.this.http.openSession(token);
			int before = verifications();
			assertToolResult(VerifiedBearerTokensTests.this.http.callTool(token, session, "ledger", null),
					"ledger of ada");
			assertThat(verifications() - before).isEqualTo(2);
		}

	}

	/** How many tokens the fixture's decoder really verified. */
	static final class Verifications {

		final AtomicInteger count = new AtomicInteger();

	}

	/**
	 * An application whose chain is a JWT resource server with a converter of its own, and whose
	 * decoder counts signature checks. A plain {@code @Configuration}, so that no test looking for
	 * a {@code @SpringBootConfiguration} in this package ever finds it.
	 */
	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@EnableMethodSecurity
	@Import(LedgerController.class)
	static class CountingFixtureApplication {

		@Bean
		Verifications verifications() {
			return new Verifications();
		}

		@Bean
		JwtDecoder countingJwtDecoder(Verifications verifications) {
			JwtDecoder verifier = JwtDecoders.fromIssuerLocation(LocalIssuer.get().issuer());
			return (token) -> {
				Jwt jwt = verifier.decode(token);
				verifications.count.incrementAndGet();
				return jwt;
			};
		}

		@Bean
		@Order(100)
		SecurityFilterChain ledgerSecurityFilterChain(HttpSecurity http) throws Exception {
			JwtGrantedAuthoritiesConverter scopes = new JwtGrantedAuthoritiesConverter();
			JwtAuthenticationConverter roles = new JwtAuthenticationConverter();
			roles.setJwtGrantedAuthoritiesConverter((jwt) -> {
				Collection<GrantedAuthority> authorities = new ArrayList<>(scopes.convert(jwt));
				authorities.removeIf((authority) -> !authority.getAuthority().equals("SCOPE_ledger.read"));
				jwt.getClaimAsStringList("roles")
					.forEach((role) -> authorities.add(new SimpleGrantedAuthority("ROLE_" + role)));
				return authorities;
			});
			return http.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated())
				.oauth2ResourceServer((resourceServer) -> resourceServer.jwt((jwt) -> jwt.jwtAuthenticationConverter(roles)))
				.csrf((csrf) -> csrf.disable())
				.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
				.build();
		}

	}

	@RestController
	static class LedgerController {

		@McpTool(description = "Reads the caller's ledger")
		@PreAuthorize("hasAuthority('SCOPE_ledger.read')")
		@GetMapping("/ledger")
		public String ledger(Authentication caller) {
			return "ledger of " + caller.getName();
		}

		@McpTool(description = "Tells the caller's authorities")
		@GetMapping("/whoami")
		public String whoami(Authentication caller) {
			return caller.getAuthorities().stream().map(GrantedAuthority::getAuthority).sorted().toList().toString();
		}

	}

}
