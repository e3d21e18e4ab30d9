package io.github.mcpstarter.conformance;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The application the official MCP conformance suite runs against ({@link ConformanceSuiteTests}):
 * ordinary Spring MVC controllers ({@link ConformanceToolsController}) that publish, through the
 * starter, the tools the suite's server scenarios call.
 *
 * <p><strong>Security is off, on purpose and only here.</strong> The suite sends no bearer token,
 * so this application permits every request and opts out of the starter's secure default with
 * {@code mcp.server.security.allow-unauthenticated=true} (in {@code conformance.properties}).
 * Nothing else in this project runs that way; the sample application and its tests use real
 * tokens.
 *
 * <p>Its configuration is {@code conformance.properties}, not the sample application's
 * {@code application.yml}: start it with {@code spring.config.name=conformance}, as the test and
 * {@code docs/CONFORMANCE.md} do.
 */
@SpringBootApplication
public class ConformanceFixtureApplication {

	public static void main(String[] args) {
		System.setProperty("spring.config.name", "conformance");
		SpringApplication.run(ConformanceFixtureApplication.class, args);
	}

	/** Every request is permitted: the conformance suite has no token to send (see the class comment). */
	@Bean
	SecurityFilterChain conformanceSecurityFilterChain(HttpSecurity http) throws Exception {
		http.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll()).csrf((csrf) -> csrf.disable());
		return http.build();
	}

}
