package io.github.mcpstarter.security;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.Order;
import org.springframework.security.access.prepost.PostAuthorize;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.filter.OncePerRequestFilter;

import io.github.mcpstarter.McpTool;

/**
 * A role-based application as real services are written, for parity by construction:
 *
 * <ul>
 * <li>roles come from the token's {@code roles} claim, through the application's own
 * {@link JwtAuthenticationConverter};</li>
 * <li>{@code list_owners} is guarded by {@code @PreAuthorize("hasRole(@roles.OWNER_ADMIN)")}, an
 * expression that references a bean;</li>
 * <li>a plain {@link OncePerRequestFilter} bean, the tenant filter, answers 400 to any
 * {@code /api/**} request without {@code X-Tenant}, and 403 to the {@code blocked} tenant; the
 * tenant it accepts is a request attribute the controllers read;</li>
 * <li>another, the trail filter, wraps every request to append its hop to {@code X-Request-Trail},
 * as a gateway appends itself to {@code Via}: a filter whose effect shows if it runs twice.</li>
 * </ul>
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@EnableMethodSecurity
@Import({ PetClinicFixtureApplication.ClinicController.class, PetClinicFixtureApplication.Roles.class })
public class PetClinicFixtureApplication {

	static final String TENANT_HEADER = "X-Tenant";

	static final String TRAIL_HEADER = "X-Request-Trail";

	@Bean
	@Order(100)
	SecurityFilterChain clinicSecurityFilterChain(HttpSecurity http) throws Exception {
		return http.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated())
			.oauth2ResourceServer((resourceServer) -> resourceServer.jwt(Customizer.withDefaults()))
			.csrf((csrf) -> csrf.disable())
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.build();
	}

	/** Scopes as {@code SCOPE_x}, and the {@code roles} claim as {@code ROLE_x}. */
	@Bean
	JwtAuthenticationConverter clinicJwtAuthenticationConverter() {
		JwtGrantedAuthoritiesConverter scopes = new JwtGrantedAuthoritiesConverter();
		JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
		converter.setJwtGrantedAuthoritiesConverter((jwt) -> {
			Collection<GrantedAuthority> authorities = new ArrayList<>(scopes.convert(jwt));
			List<String> roles = jwt.getClaimAsStringList("roles");
			if (roles != null) {
				roles.forEach((role) -> authorities.add(new SimpleGrantedAuthority("ROLE_" + role)));
			}
			return authorities;
		});
		return converter;
	}

	@Bean
	TenantFilter tenantFilter() {
		return new TenantFilter();
	}

	@Bean
	RequestTrailFilter requestTrailFilter() {
		return new RequestTrailFilter();
	}

	/** The role names, referenced from expressions as {@code @roles.OWNER_ADMIN}. */
	@Component("roles")
	public static class Roles {

		public final String OWNER_ADMIN = "OWNER_ADMIN";

	}

	/** Every {@code /api/**} request names its tenant. */
	static class TenantFilter extends OncePerRequestFilter {

		@Override
		protected boolean shouldNotFilter(HttpServletRequest request) {
			return !request.getRequestURI().startsWith(request.getContextPath() + "/api/");
		}

		@Override
		protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
				throws ServletException, IOException {
			String tenant = request.getHeader(TENANT_HEADER);
			if (tenant == null) {
				response.sendError(HttpServletResponse.SC_BAD_REQUEST, "X-Tenant is required");
				return;
			}
			if (tenant.equals("blocked")) {
				response.sendError(HttpServletResponse.SC_FORBIDDEN, "Tenant blocked");
				return;
			}
			request.setAttribute("tenant", tenant);
			chain.doFilter(request, response);
		}

	}

	/** Appends this application's hop to the request's trail, for everything downstream to read. */
	static class RequestTrailFilter extends OncePerRequestFilter {

		@Override
		protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
				throws ServletException, IOException {
			String trail = request.getHeader(TRAIL_HEADER);
			String withHop = (trail != null) ? trail + ",clinic" : "clinic";
			chain.doFilter(new HttpServletRequestWrapper(request) {

				@Override
				public String getHeader(String name) {
					return name.equalsIgnoreCase(TRAIL_HEADER) ? withHop : super.getHeader(name);
				}

			}, response);
		}

	}

	@RestController
	public static class ClinicController {

		@McpTool(description = "Lists the owners")
		@PreAuthorize("hasRole(@roles.OWNER_ADMIN)")
		@GetMapping("/api/owners")
		public List<String> listOwners(@RequestAttribute("tenant") String tenant) {
			return List.of(tenant + ":george", tenant + ":betty");
		}

		@McpTool(description = "Shows the first owner, checked again once found")
		@PreAuthorize("hasRole(@roles.OWNER_ADMIN)")
		@PostAuthorize("returnObject != null")
		@GetMapping("/api/owners/first")
		public String firstOwner(@RequestAttribute("tenant") String tenant) {
			return tenant + ":george";
		}

		@McpTool(description = "Lists the pets")
		@GetMapping("/api/pets")
		public List<String> listPets(@RequestAttribute("tenant") String tenant) {
			return List.of(tenant + ":leo", tenant + ":basil");
		}

		@McpTool(description = "Says hello")
		@GetMapping("/hello")
		public String hello() {
			return "hello";
		}

		@McpTool(description = "Shows the hops the request went through")
		@GetMapping("/trail")
		public String trail(HttpServletRequest request) {
			return request.getHeader(TRAIL_HEADER);
		}

	}

}
