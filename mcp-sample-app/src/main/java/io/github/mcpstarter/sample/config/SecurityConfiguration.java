package io.github.mcpstarter.sample.config;

import static io.github.mcpstarter.sample.config.SampleScopes.ADMIN;
import static io.github.mcpstarter.sample.config.SampleScopes.INVENTORY_READ;
import static io.github.mcpstarter.sample.config.SampleScopes.INVENTORY_WRITE;
import static io.github.mcpstarter.sample.config.SampleScopes.ORDERS_READ;
import static io.github.mcpstarter.sample.config.SampleScopes.ORDERS_WRITE;
import static io.github.mcpstarter.sample.config.SampleScopes.authority;

import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Security of the application's own REST API: every {@code /api/**} request needs a Bearer JWT
 * with the right scope ({@link SampleScopes}).
 *
 * <p>The filter chains of the application, in order:
 * <ol>
 * <li>the starter's {@code mcpSecurityFilterChain} for {@code /mcp}, {@code /sse/**} and the
 * protected resource metadata, which the starter adds since a resource server is configured;</li>
 * <li>{@link AuthorizationServerConfiguration the embedded authorization server} (order 1) and
 * its login page (order 2), unless {@code sample.authorization-server.enabled=false};</li>
 * <li>this chain (order 100), for everything else.</li>
 * </ol>
 *
 * <p>The Actuator endpoints are exposed in {@code application.yml}: the health for anyone (its
 * details for a valid token), the {@code mcp} endpoint for the {@code admin} scope only.
 *
 * <p>The rules live in two places on purpose, as they would in a real service: every endpoint
 * has its URL rule below, and most controller methods also carry {@code @PreAuthorize}, from which
 * the starter learns the scopes of their tools. {@code /api/reports/**}, {@code updateOrderStatus}
 * and {@code shipOrder} are guarded <em>only</em> by their URL rules; the starter applies those
 * to tool calls too.
 *
 * <p>Tokens come from whichever issuer {@code spring.security.oauth2.resourceserver.jwt.issuer-uri}
 * names (the embedded authorization server by default), and must be meant for this server: their
 * {@code aud} must be one of {@code spring.security.oauth2.resourceserver.jwt.audiences}. Spring
 * Boot builds that {@code JwtDecoder}; this chain only uses it.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
@EnableMethodSecurity
public class SecurityConfiguration {

	@Bean
	@Order(100)
	SecurityFilterChain apiSecurityFilterChain(HttpSecurity http) throws Exception {
		http.authorizeHttpRequests((requests) -> requests
			// Spring Boot's error page, where failed requests are forwarded: their status is decided.
			.requestMatchers("/error").permitAll()
			// Load balancers and orchestrators probe the health without a token; the MCP endpoint
			// (every tool, including those some callers cannot see) is for staff.
			.requestMatchers(EndpointRequest.to(HealthEndpoint.class)).permitAll()
			.requestMatchers(EndpointRequest.toAnyEndpoint()).hasAuthority(authority(ADMIN))
			.requestMatchers("/api/admin/**").hasAuthority(authority(ADMIN))
			// The only rule for the reports: ReportController carries no security annotation.
			.requestMatchers("/api/reports/**").hasAuthority(authority(INVENTORY_READ))
			.requestMatchers(HttpMethod.GET, "/api/orders/**").hasAuthority(authority(ORDERS_READ))
			.requestMatchers(HttpMethod.POST, "/api/orders/**").hasAuthority(authority(ORDERS_WRITE))
			.requestMatchers(HttpMethod.PUT, "/api/orders/**").hasAuthority(authority(ORDERS_WRITE))
			.requestMatchers(HttpMethod.DELETE, "/api/orders/**").hasAuthority(authority(ORDERS_WRITE))
			.requestMatchers(HttpMethod.GET, "/api/products/**").hasAuthority(authority(ORDERS_READ))
			.requestMatchers(HttpMethod.POST, "/api/products/*/restock").hasAuthority(authority(INVENTORY_WRITE))
			// An endpoint added without a rule stays closed until it gets one.
			.requestMatchers("/api/**").denyAll()
			// Anything else needs a valid token, whatever its scopes.
			.anyRequest().authenticated());
		// A 401 points to the protected resource metadata (RFC 9728), which the starter's chain
		// serves for the whole server: the issuer to get a token from, and the scopes.
		http.oauth2ResourceServer((resourceServer) -> resourceServer.jwt(Customizer.withDefaults()));
		// A stateless API authenticated by the Authorization header alone: no session, no cookie,
		// so nothing a browser would send on its own, which is what CSRF exploits. CSRF tokens
		// would only break the API's clients.
		http.csrf(AbstractHttpConfigurer::disable)
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
		return http.build();
	}

}
