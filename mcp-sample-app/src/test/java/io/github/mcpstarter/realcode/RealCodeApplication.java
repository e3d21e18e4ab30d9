package io.github.mcpstarter.realcode;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.data.web.config.EnableSpringDataWebSupport;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.servlet.config.annotation.ApiVersionConfigurer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * A REST service shaped like the ones teams already have, for the every-tool contract tests
 * ({@link RealCodeContractTests}): an openapi-generator style interface carrying the mappings
 * ({@link PetsApi}), a generic base controller ({@link CrudController}) with two concrete
 * subclasses, Jackson-customised records (creators, {@code @JsonValue}, renames), recursive and
 * polymorphic types, {@code Optional}, {@code java.time}, a {@code @ModelAttribute} query object,
 * validation groups, Spring Data paging, versioned mappings, a {@code ResponseBodyAdvice}, 204
 * deletes, and every return style the README names that tools support (plain objects,
 * {@code ResponseEntity}, {@code Optional}, lists, JSON scalars, strings, images, audio, a
 * {@code Content-Location} resource, other bytes, multipart, {@code void}). Asynchronous return
 * types are left out: the starter refuses them at startup (not supported yet).
 *
 * <p>Security is off here, as in the conformance fixture: the contract is about schemas and
 * results; the sample application's own contract test runs with real tokens. Its configuration is
 * {@code realcode.properties} ({@code spring.config.name=realcode}).
 */
@SpringBootApplication
@EnableSpringDataWebSupport
public class RealCodeApplication {

	public static void main(String[] args) {
		System.setProperty("spring.config.name", "realcode");
		SpringApplication.run(RealCodeApplication.class, args);
	}

	@Bean
	SecurityFilterChain realCodeSecurityFilterChain(HttpSecurity http) throws Exception {
		http.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll()).csrf((csrf) -> csrf.disable());
		return http.build();
	}

	/** API versions from a header, as many services version their endpoints (Spring Framework 7). */
	@Bean
	WebMvcConfigurer realCodeApiVersioning() {
		return new WebMvcConfigurer() {
			@Override
			public void configureApiVersioning(ApiVersionConfigurer configurer) {
				configurer.useRequestHeader("API-Version").addSupportedVersions("1.0", "1.1").setDefaultVersion("1.0");
			}
		};
	}

}
