package io.github.mcpstarter.security;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.github.mcpstarter.McpCompletion;
import io.github.mcpstarter.McpPrompt;
import io.github.mcpstarter.McpResource;
import io.github.mcpstarter.McpTool;

/** The attack review's fixture: ordinary-looking controllers with the starter's resources and prompts. */
@SpringBootConfiguration
@EnableAutoConfiguration
@EnableMethodSecurity
@Import({ DisclosureFixtureApplication.DocsController.class, DisclosureFixtureApplication.VaultController.class,
		DisclosureFixtureApplication.CountsController.class })
public class DisclosureFixtureApplication {

	@Bean
	@Order(100)
	SecurityFilterChain appSecurityFilterChain(HttpSecurity http) throws Exception {
		PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
		http.authorizeHttpRequests((requests) -> requests.requestMatchers(paths.matcher("/error"))
			.permitAll()
			.requestMatchers(paths.matcher("/admin/**"))
			.hasAuthority("SCOPE_admin")
			.anyRequest()
			.authenticated())
			.oauth2ResourceServer((resourceServer) -> resourceServer.jwt(Customizer.withDefaults()))
			.csrf((csrf) -> csrf.disable())
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
		return http.build();
	}

	@RestController
	public static class DocsController {

		@McpResource(uri = "docs://{name}", description = "One document")
		@GetMapping(path = "/docs/{name}", produces = MediaType.TEXT_PLAIN_VALUE)
		public String doc(@PathVariable String name) {
			return "doc " + name;
		}

		/** A tool guarded only by the starter's scope: step-up to docs.admin. */
		@McpTool(description = "Document statistics", scopes = "docs.admin")
		@GetMapping(path = "/docs/admin-stats", produces = MediaType.TEXT_PLAIN_VALUE)
		public String adminStats() {
			return "SECRET STATS";
		}

		/** Hidden by the URL rule /admin/** without SCOPE_admin. */
		@McpResource(uri = "docs://admin-report", description = "Admin report")
		@GetMapping(path = "/admin/docs-report", produces = MediaType.TEXT_PLAIN_VALUE)
		public String adminReport() {
			return "admin report";
		}

		/** Hidden by the URL rule /admin/** without SCOPE_admin. */
		@McpPrompt(description = "An admin prompt")
		@GetMapping(path = "/admin/prompt", produces = MediaType.TEXT_PLAIN_VALUE)
		public String adminPrompt(@RequestParam @McpCompletion("/doc-names") String topic) {
			return "admin " + topic;
		}

		@GetMapping("/doc-names")
		public java.util.List<String> docNames(@RequestParam(defaultValue = "") String prefix) {
			return java.util.List.of("alpha", "beta");
		}

	}

	@RestController
	public static class VaultController {

		/** Each owner reads only their own vault. */
		@McpResource(uri = "vault://{owner}", description = "A user's vault")
		@PreAuthorize("#owner == authentication.name")
		@GetMapping(path = "/vault/{owner}", produces = MediaType.TEXT_PLAIN_VALUE)
		public String vault(@PathVariable String owner) {
			return "vault of " + owner;
		}

	}

	@RestController
	public static class CountsController {

		@McpResource(uri = "counts://{n}", description = "A count")
		@GetMapping(path = "/counts/{n}", produces = MediaType.TEXT_PLAIN_VALUE)
		public String count(@PathVariable int n) {
			return "count " + n;
		}

		@McpPrompt(description = "Counts")
		@GetMapping(path = "/prompts/count", produces = MediaType.TEXT_PLAIN_VALUE)
		public String countPrompt(@RequestParam int n) {
			return "Count to " + n;
		}

	}

}
