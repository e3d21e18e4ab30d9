package io.github.mcpstarter.security;

import java.util.List;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import io.github.mcpstarter.McpResource;
import io.github.mcpstarter.McpTool;

/**
 * A secured application for the security tests. Its tools are guarded in every way an
 * application guards its REST endpoints:
 *
 * <ul>
 * <li>{@code list_things}: nothing beyond a valid token;</li>
 * <li>{@code write_thing}: {@code @McpTool(scopes = "things.write")};</li>
 * <li>{@code delete_thing}: {@code @PreAuthorize} with {@code hasAuthority('SCOPE_things.admin')},
 * from which the starter derives the scope;</li>
 * <li>{@code admin_report}: only the URL rule {@code /admin/**} of the application's own filter
 * chain, which needs {@code SCOPE_admin};</li>
 * <li>{@code role_only}: {@code @PreAuthorize("hasRole('BOSS')")}, which no scope satisfies.</li>
 * </ul>
 * And two rules that only the concrete call can decide: {@code DELETE /things/locked} is refused by
 * a URL rule on that one path ({@code delete_thing} with {@code id=locked}), and {@code get_thing}
 * has an {@code @PreAuthorize} on its argument (the {@code vault} is for its keeper only).
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@EnableMethodSecurity
@Import({ SecuredFixtureApplication.ThingsController.class, SecuredFixtureApplication.AdminController.class,
		SecuredFixtureApplication.ThingResources.class })
public class SecuredFixtureApplication {

	/** A header whose value "suspended" the application refuses on every request. */
	static final String TENANT_STATUS_HEADER = "X-Tenant-Status";

	/** Every tool of this application. */
	static final List<String> ALL_TOOLS = List.of("list_things", "get_thing", "write_thing", "delete_thing",
			"admin_report", "role_only");

	/**
	 * The application's own chain for everything the starter's MCP chain does not match: a
	 * resource server with URL rules.
	 */
	@Bean
	@Order(100)
	SecurityFilterChain appSecurityFilterChain(HttpSecurity http) throws Exception {
		PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
		http.authorizeHttpRequests((requests) -> requests.requestMatchers(paths.matcher("/error"))
			.permitAll()
			.requestMatchers(paths.matcher(HttpMethod.DELETE, "/things/locked"))
			.denyAll()
			// A rule on a request header: a tool call carries the MCP request's headers, so it applies there too.
			.requestMatchers((request) -> "suspended".equals(request.getHeader(TENANT_STATUS_HEADER)))
			.denyAll()
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
	public static class ThingsController {

		@McpTool(description = "Lists the things")
		@GetMapping("/things")
		public List<Thing> listThings() {
			return List.of(new Thing("1", "first"), new Thing("2", "second"));
		}

		@McpTool(description = "Reads one thing")
		@PreAuthorize("#id != 'vault' or authentication.name == 'keeper'")
		@GetMapping("/things/{id}")
		public Thing getThing(@PathVariable String id) {
			return new Thing(id, "thing " + id);
		}

		@McpTool(description = "Writes a thing", scopes = "things.write")
		@PostMapping("/things")
		public Thing writeThing(@RequestBody Thing thing) {
			return new Thing(thing.id(), "written " + thing.name());
		}

		@McpTool(description = "Deletes a thing")
		@PreAuthorize("hasAuthority('SCOPE_things.admin')")
		@DeleteMapping("/things/{id}")
		public Message deleteThing(@PathVariable String id) {
			return new Message("deleted " + id);
		}

		@McpTool(description = "Only for bosses")
		@PreAuthorize("hasRole('BOSS')")
		@GetMapping("/boss")
		public Message roleOnly() {
			return new Message("hello boss");
		}

	}

	/** No security annotation at all: only the application's URL rule guards it. */
	@RestController
	public static class AdminController {

		@McpTool(description = "The administrators' report")
		@GetMapping("/admin/report")
		public Message adminReport() {
			return new Message("admin report: all systems nominal");
		}

	}

	/**
	 * Resources guarded as the tools are: {@code things://{id}} by a valid token alone,
	 * {@code things://audit} by {@code @PreAuthorize} with {@code SCOPE_things.admin} (step-up), and
	 * {@code things-admin://report} by the URL rule {@code /admin/**} (hidden without
	 * {@code SCOPE_admin}).
	 */
	@RestController
	public static class ThingResources {

		@McpResource(uri = "things://{id}", description = "One thing")
		@GetMapping("/thing-resources/{id}")
		public Thing thing(@PathVariable String id) {
			return new Thing(id, "thing " + id);
		}

		@McpResource(uri = "things://audit", description = "The audit trail")
		@PreAuthorize("hasAuthority('SCOPE_things.admin')")
		@GetMapping(path = "/thing-audit", produces = "text/plain")
		public String audit() {
			return "audit: nothing happened";
		}

		@McpResource(uri = "things-admin://report", description = "The administrators' report")
		@GetMapping("/admin/resource-report")
		public Message adminReport() {
			return new Message("admin resource: all systems nominal");
		}

	}

	public record Thing(String id, String name) {
	}

	public record Message(String message) {
	}

}
