package io.github.mcpstarter.sample.config;

import java.util.List;
import java.util.Set;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.oauth2.server.authorization.InMemoryOAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.InMemoryOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationValidator;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.CorsUtils;

/**
 * An OAuth 2.1 authorization server inside the sample (Spring Authorization Server), so that the
 * sample is secure out of the box and needs nothing else to run.
 *
 * <ul>
 * <li>Issuer {@code http://localhost:${server.port}}; metadata at
 * {@code /.well-known/oauth-authorization-server} and {@code /.well-known/openid-configuration}.
 * The application's resource server finds its keys there, as it would find any other issuer's
 * ({@code spring.security.oauth2.resourceserver.jwt.issuer-uri}).</li>
 * <li>The demo client {@code mcp-demo-client} ({@code client_credentials}), from Spring Boot's
 * {@code spring.security.oauth2.authorizationserver.client.*} properties; a {@code client_credentials}
 * request without {@code scope} gets all its scopes ({@link ClientCredentialsDefaultScopes}).</li>
 * <li>Open Dynamic Client Registration at {@code /oauth2/register} for interactive MCP clients,
 * within {@link ClientRegistrationPolicy}; they use the authorization code grant with PKCE, and
 * the demo user logs in on a form and consents.</li>
 * <li>Access tokens whose {@code aud} is this server, or another configured resource, after
 * RFC 8707 {@code resource} ({@link ResourceIndicators}).</li>
 * <li>A consent page that names the client and the host the code goes to
 * ({@link ConsentPageController}).</li>
 * </ul>
 *
 * <p>{@code sample.authorization-server.enabled=false} leaves all of this out; the application
 * then accepts the tokens of another issuer (see the README).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "sample.authorization-server.enabled", matchIfMissing = true)
@EnableConfigurationProperties(SampleAuthorizationServerProperties.class)
public class AuthorizationServerConfiguration {

	/** The authorization server's endpoints: token, registration and keys, plus a browser's CORS preflight. */
	@Bean
	@Order(1)
	SecurityFilterChain authorizationServerSecurityFilterChain(HttpSecurity http,
			AuthorizationServerSettings settings, SampleAuthorizationServerProperties properties,
			ResourceIndicators resourceIndicators) throws Exception {
		RequestMatcher browserCalledEndpoints = browserCalledEndpoints(settings);
		http.oauth2AuthorizationServer((authorizationServer) -> {
			http.securityMatcher(new OrRequestMatcher(authorizationServer.getEndpointsMatcher(),
					(request) -> CorsUtils.isPreFlightRequest(request) && browserCalledEndpoints.matches(request)));
			// OpenID Connect: /.well-known/openid-configuration, where Spring Security's
			// issuer-uri support looks first, ID tokens and /userinfo.
			authorizationServer.oidc((oidc) -> oidc.providerConfigurationEndpoint((endpoint) -> endpoint
				.providerConfigurationCustomizer((metadata) -> metadata.scopes(this::addRegistrableScopes))));
			authorizationServer.authorizationServerMetadataEndpoint((endpoint) -> endpoint
				.authorizationServerMetadataCustomizer((metadata) -> metadata.scopes(this::addRegistrableScopes)));
			// The consent page names the client and where the code goes (ConsentPageController).
			authorizationServer.authorizationEndpoint((endpoint) -> endpoint
				.consentPage(ConsentPageController.CONSENT_PAGE)
				.authenticationProviders((providers) -> {
					for (var provider : providers) {
						if (provider instanceof OAuth2AuthorizationCodeRequestAuthenticationProvider authorizationRequests) {
							authorizationRequests.setAuthenticationValidator(
									new OAuth2AuthorizationCodeRequestAuthenticationValidator()
										.andThen(resourceIndicators::validateAuthorizationRequest));
						}
					}
				}));
			authorizationServer.tokenEndpoint((endpoint) -> endpoint
				.authenticationProviders((providers) -> providers.replaceAll(ClientCredentialsDefaultScopes::wrap)));
			authorizationServer.clientRegistrationEndpoint((endpoint) -> endpoint.openRegistrationAllowed(true)
				.authenticationProviders((providers) -> providers.forEach(ClientRegistrationPolicy::apply)));
		});
		http.authorizeHttpRequests((requests) -> requests
			// Open registration: the endpoint's filter comes after authorization, so it must be let through.
			.requestMatchers(PathPatternRequestMatcher.withDefaults()
				.matcher(HttpMethod.POST, settings.getClientRegistrationEndpoint()))
			.permitAll()
			.anyRequest()
			.authenticated());
		// A browser that is not logged in yet goes to the login page; an API client gets a 401.
		MediaTypeRequestMatcher browsers = new MediaTypeRequestMatcher(MediaType.TEXT_HTML);
		browsers.setIgnoredMediaTypes(Set.of(MediaType.ALL));
		http.exceptionHandling((exceptions) -> exceptions
			.defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/login"), browsers));
		http.cors((cors) -> cors.configurationSource(corsConfigurationSource(browserCalledEndpoints, properties)));
		return http.build();
	}

	/**
	 * The login form of the demo user, for the authorization endpoint, and the consent page.
	 * Sessions and CSRF protection stay on here: this is the one browser-facing,
	 * cookie-authenticated part.
	 */
	@Bean
	@Order(2)
	SecurityFilterChain loginSecurityFilterChain(HttpSecurity http) throws Exception {
		return http.securityMatcher("/login", "/logout", "/default-ui.css", ConsentPageController.CONSENT_PAGE)
			.authorizeHttpRequests((requests) -> requests.requestMatchers(ConsentPageController.CONSENT_PAGE)
				.authenticated()
				.anyRequest()
				.permitAll())
			.formLogin(Customizer.withDefaults())
			.build();
	}

	/** The demo user, who logs in to authorize interactive clients such as MCP Inspector. */
	@Bean
	UserDetailsService demoUserDetailsService(SampleAuthorizationServerProperties properties) {
		SampleAuthorizationServerProperties.DemoUser demo = properties.demoUser();
		return new InMemoryUserDetailsManager(User.withUsername(demo.username())
			.password(PasswordEncoderFactories.createDelegatingPasswordEncoder().encode(demo.password()))
			.roles("USER")
			.build());
	}

	/** The resources it issues tokens for (RFC 8707), {@code sample.authorization-server.resources}. */
	@Bean
	ResourceIndicators resourceIndicators(SampleAuthorizationServerProperties properties) {
		return new ResourceIndicators(properties.resources());
	}

	/** The {@code aud} of access tokens (RFC 8707); Spring Authorization Server applies this bean. */
	@Bean
	OAuth2TokenCustomizer<JwtEncodingContext> resourceAudienceTokenCustomizer(ResourceIndicators resourceIndicators) {
		return resourceIndicators.audienceCustomizer();
	}

	/**
	 * The pending and granted authorizations, in memory. Spring Authorization Server would create
	 * the same on its own; as beans, the consent page can find the request it is asked about.
	 */
	@Bean
	OAuth2AuthorizationService authorizationService() {
		return new InMemoryOAuth2AuthorizationService();
	}

	/** The scopes the demo user has allowed each client, in memory; shown on the consent page. */
	@Bean
	OAuth2AuthorizationConsentService authorizationConsentService() {
		return new InMemoryOAuth2AuthorizationConsentService();
	}

	private void addRegistrableScopes(List<String> scopes) {
		ClientRegistrationPolicy.REGISTRABLE_SCOPES.stream()
			.sorted()
			.filter((scope) -> !scopes.contains(scope))
			.forEach(scopes::add);
	}

	/** The endpoints that a browser-based client such as MCP Inspector calls with fetch. */
	private static RequestMatcher browserCalledEndpoints(AuthorizationServerSettings settings) {
		PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
		return new OrRequestMatcher(paths.matcher("/.well-known/oauth-authorization-server/**"),
				paths.matcher("/.well-known/openid-configuration"), paths.matcher(settings.getTokenEndpoint()),
				paths.matcher(settings.getClientRegistrationEndpoint()), paths.matcher(settings.getJwkSetEndpoint()),
				paths.matcher(settings.getTokenRevocationEndpoint()));
	}

	/**
	 * CORS for those endpoints only, from the configured origins. They authenticate with no
	 * cookie, so the browser sends no credentials.
	 */
	private static CorsConfigurationSource corsConfigurationSource(RequestMatcher endpoints,
			SampleAuthorizationServerProperties properties) {
		CorsConfiguration configuration = new CorsConfiguration();
		configuration.setAllowedOrigins(properties.corsAllowedOrigins());
		configuration.setAllowedMethods(List.of("GET", "POST"));
		configuration.setAllowedHeaders(List.of("Authorization", "Content-Type", "MCP-Protocol-Version"));
		configuration.setAllowCredentials(false);
		return (request) -> endpoints.matches(request) ? configuration : null;
	}

}
