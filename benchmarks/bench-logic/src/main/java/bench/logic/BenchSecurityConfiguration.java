package bench.logic;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The security every benchmarked app runs with, one class so that it is the same for all: every
 * request needs a valid JWT (Boot's decoder, from the harness's public key, audience checked).
 * In the starter's apps this chain guards the REST API, and the starter adds its own in front of
 * the MCP endpoints; in Spring AI's app it guards the MCP endpoint too.
 */
@Configuration(proxyBeanMethods = false)
public class BenchSecurityConfiguration {

	@Bean
	@Order(100)
	SecurityFilterChain benchSecurityFilterChain(HttpSecurity http) throws Exception {
		http.authorizeHttpRequests((requests) -> requests.requestMatchers("/error").permitAll()
			.anyRequest().authenticated());
		http.oauth2ResourceServer((resourceServer) -> resourceServer.jwt(Customizer.withDefaults()));
		http.csrf(AbstractHttpConfigurer::disable)
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
		return http.build();
	}

}
