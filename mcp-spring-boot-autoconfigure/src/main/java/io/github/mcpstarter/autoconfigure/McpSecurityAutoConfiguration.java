package io.github.mcpstarter.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.ConfigurationCondition;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authorization.AuthorityAuthorizationManager;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationManagers;
import org.springframework.security.authorization.method.AuthorizationAdvisor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.security.oauth2.server.resource.authentication.OpaqueTokenAuthenticationProvider;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.FilterChainProxy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.access.WebInvocationPrivilegeEvaluator;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

import io.github.mcpstarter.security.ApplicationUrlRules;
import io.github.mcpstarter.protocol.McpServer;
import io.github.mcpstarter.protocol.AccessPolicy;
import io.github.mcpstarter.protocol.OfferingRegistry;
import io.github.mcpstarter.security.AudienceCheckingAuthenticationManagerResolver;
import io.github.mcpstarter.security.McpAccessDeniedHandler;
import io.github.mcpstarter.security.McpAuthenticationEntryPoint;
import io.github.mcpstarter.security.McpProtectedResourceMetadataFilter;
import io.github.mcpstarter.security.McpResourceUrls;
import io.github.mcpstarter.security.McpScopes;
import io.github.mcpstarter.security.SpringSecurityAccessPolicy;
import io.github.mcpstarter.security.VerifiedBearerTokenPostProcessor;
import io.github.mcpstarter.security.VerifiedBearerTokens;
import io.github.mcpstarter.transport.ResourceMetadataLocator;

/**
 * An OAuth2 resource-server {@link SecurityFilterChain} in front of every MCP endpoint, and the
 * authorization of tools with parity to REST, once the application has a resource server
 * (Boot's {@code spring.security.oauth2.resourceserver.*} properties, or its own
 * {@link JwtDecoder} or {@link OpaqueTokenIntrospector} bean).
 *
 * <p>It runs after Boot's own security auto-configuration: a {@code SecurityFilterChain} bean
 * makes Boot's default chains back off, so this one must come last, and match only the MCP paths.
 * Replace the chain with a bean named {@code mcpSecurityFilterChain}; adjust it with
 * {@link McpSecurityFilterChainCustomizer} beans.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = McpServerAutoConfiguration.class, afterName = {
		"org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
		"org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerAutoConfiguration",
		"org.springframework.boot.security.oauth2.server.resource.autoconfigure.web.OAuth2ResourceServerWebSecurityAutoConfiguration",
		"org.springframework.boot.security.oauth2.server.authorization.autoconfigure.servlet.OAuth2AuthorizationServerAutoConfiguration",
		"org.springframework.boot.security.oauth2.server.authorization.autoconfigure.servlet.OAuth2AuthorizationServerJwtAutoConfiguration" })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({ SecurityFilterChain.class, HttpSecurity.class, BearerTokenAuthenticationEntryPoint.class,
		JwtDecoder.class })
@ConditionalOnBooleanProperty(name = "mcp.server.enabled", matchIfMissing = true)
@ConditionalOnBean(McpServer.class)
@Conditional(McpSecurityAutoConfiguration.OnResourceServer.class)
public final class McpSecurityAutoConfiguration {

	private static final Log logger = LogFactory.getLog(McpSecurityAutoConfiguration.class);

	/**
	 * The application's decoder or introspector reuses, on a tool call's in-process request, the
	 * verification of the caller's token the MCP chain made in the same request. Static: a
	 * post-processor is created before the other beans, and needs none of them.
	 */
	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBooleanProperty(name = "mcp.server.security.reuse-verified-token", matchIfMissing = true)
	static VerifiedBearerTokenPostProcessor mcpVerifiedBearerTokenPostProcessor() {
		return new VerifiedBearerTokenPostProcessor();
	}

	@Bean
	@ConditionalOnMissingBean
	McpResourceUrls mcpResourceUrls(McpServerProperties properties) {
		boolean sse = properties.getSse().isEnabled();
		McpResourceUrls urls = new McpResourceUrls(properties.getStreamableHttp().getPath(),
				sse ? properties.getSse().getPath() : null, sse ? properties.getSse().getMessagePath() : null,
				properties.getSecurity().getAudiences(), properties.getPublicUrl());
		if (!urls.isFixed()) {
			logger.warn("mcp.server.public-url is not set: the MCP resource URLs, and the token audiences accepted, "
					+ "are taken from each request's Host header, which a client chooses. Set it to the URL clients "
					+ "reach this server at (such as https://api.example.com) before going to production.");
		}
		return urls;
	}

	@Bean
	@ConditionalOnMissingBean
	McpScopes mcpScopes(ObjectProvider<OfferingRegistry<?>> offerings, McpServerProperties properties,
			ObjectProvider<JwtAuthenticationConverter> jwtConverter) {
		// Every registry of offerings (tools, resources, prompts): each feature declares its own.
		return McpScopes.of(offerings.orderedStream().toList(), properties.getSecurity().getScopes(),
				jwtConverter.getIfUnique(), properties.getSecurity().getRoleScopes());
	}

	@Bean
	@ConditionalOnMissingBean
	ResourceMetadataLocator mcpResourceMetadataLocator(McpResourceUrls urls) {
		return urls::metadataUrl;
	}

	@Bean
	@ConditionalOnMissingBean
	ApplicationUrlRules mcpApplicationUrlRules(ObjectProvider<FilterChainProxy> filterChains,
			ObjectProvider<WebInvocationPrivilegeEvaluator> evaluator) {
		// Both looked up once, on the first call (not at startup, where they may not exist yet): a
		// lookup in the bean factory on every call cost more than the rule check itself.
		return new ApplicationUrlRules(filterChains::getIfUnique, evaluator::getIfAvailable);
	}

	@Bean
	@ConditionalOnMissingBean
	AccessPolicy mcpAccessPolicy(ApplicationUrlRules urlRules, McpScopes scopes,
			ObjectProvider<OfferingRegistry<?>> offerings, ObjectProvider<AuthorizationAdvisor> methodSecurity) {
		// The application's own method-security interceptors (none unless it enabled method
		// security), looked up on first use: they are what its controllers' proxies run.
		SpringSecurityAccessPolicy policy = new SpringSecurityAccessPolicy(urlRules,
				() -> methodSecurity.orderedStream().toList(), scopes);
		policy.watch(offerings.orderedStream().toList());
		return policy;
	}

	@Bean(McpSecurityRequirement.CHAIN_NAME)
	@ConditionalOnMissingBean(name = McpSecurityRequirement.CHAIN_NAME)
	@Order(Ordered.HIGHEST_PRECEDENCE + 10)
	SecurityFilterChain mcpSecurityFilterChain(HttpSecurity http, McpServerProperties properties, McpResourceUrls urls,
			McpScopes scopes, Environment environment, ObjectProvider<JwtDecoder> jwtDecoder,
			ObjectProvider<JwtAuthenticationConverter> jwtConverter,
			ObjectProvider<OpaqueTokenIntrospector> introspector,
			ObjectProvider<McpSecurityFilterChainCustomizer> customizers) throws Exception {
		PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
		List<RequestMatcher> endpoints = new ArrayList<>();
		endpoints.add(paths.matcher(properties.getStreamableHttp().getPath()));
		if (properties.getSse().isEnabled()) {
			endpoints.add(paths.matcher(properties.getSse().getPath()));
			endpoints.add(paths.matcher(properties.getSse().getMessagePath()));
		}
		List<String> metadataEndpoints = new ArrayList<>(List.of(properties.getStreamableHttp().getPath()));
		if (properties.getSse().isEnabled()) {
			metadataEndpoints.add(properties.getSse().getPath());
		}
		// The whole well-known tree, the bare path included: metadata for the MCP endpoints, 404 for
		// any other suffix, rather than leaving those to the application's chains.
		endpoints.add(paths.matcher(McpResourceUrls.METADATA_PATH + "/**"));
		McpAuthenticationEntryPoint entryPoint = new McpAuthenticationEntryPoint(urls, scopes::challenge);
		McpAccessDeniedHandler accessDenied = new McpAccessDeniedHandler(urls, scopes::required);
		List<String> authorizationServers = authorizationServers(properties, environment);
		if (authorizationServers.isEmpty()) {
			logger.warn("The protected resource metadata names no authorization server, so MCP clients cannot discover "
					+ "where to get a token. Set mcp.server.security.authorization-servers (needed with opaque tokens "
					+ "or jwk-set-uri; with issuer-uri it defaults to the issuer).");
		}
		String resourceName = (properties.getTitle() != null) ? properties.getTitle()
				: (properties.getName() != null) ? properties.getName()
						: environment.getProperty("spring.application.name", "MCP server");
		http.securityMatcher(new OrRequestMatcher(endpoints))
			.authorizeHttpRequests((requests) -> {
				if (scopes.required().isEmpty()) {
					requests.anyRequest().authenticated();
				}
				else {
					requests.anyRequest().access(AuthorizationManagers.allOf(scopes.required()
						.stream()
						.map((scope) -> AuthorityAuthorizationManager.<Object>hasAuthority(scopes.authority(scope)))
						.toList()
						.toArray(AuthorizationManager[]::new)));
				}
			})
			.oauth2ResourceServer((resourceServer) -> resourceServer
				.authenticationManagerResolver(new AudienceCheckingAuthenticationManagerResolver(
						authenticationProvider(jwtDecoder, jwtConverter, introspector), urls))
				.authenticationEntryPoint(entryPoint)
				.accessDeniedHandler(accessDenied))
			// Around the bearer token's verification: the application's chain, when it runs on a tool
			// call's in-process request within this one, reuses it rather than checking it again.
			.addFilterBefore(VerifiedBearerTokens.scopeFilter(), BearerTokenAuthenticationFilter.class)
			// Ahead of everything: the metadata is public, and it answers for the MCP endpoints only.
			.addFilterBefore(new McpProtectedResourceMetadataFilter(urls, metadataEndpoints, authorizationServers,
					scopes::all, resourceName), SecurityContextHolderFilter.class)
			.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(entryPoint)
				.accessDeniedHandler(accessDenied))
			// Bearer tokens in a header, never cookies: nothing for CSRF to protect, and no HTTP session.
			.csrf((csrf) -> csrf.disable())
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache((cache) -> cache.disable())
			// Nothing to log out of with a bearer token; one filter fewer on every MCP request.
			.logout((logout) -> logout.disable());
		for (McpSecurityFilterChainCustomizer customizer : customizers.orderedStream().toList()) {
			customizer.customize(http);
		}
		return http.build();
	}

	private static List<String> authorizationServers(McpServerProperties properties, Environment environment) {
		if (!properties.getSecurity().getAuthorizationServers().isEmpty()) {
			return properties.getSecurity().getAuthorizationServers();
		}
		String issuer = environment.getProperty("spring.security.oauth2.resourceserver.jwt.issuer-uri");
		return (issuer != null && !issuer.isBlank()) ? List.of(issuer) : List.of();
	}

	private static AuthenticationProvider authenticationProvider(ObjectProvider<JwtDecoder> jwtDecoder,
			ObjectProvider<JwtAuthenticationConverter> jwtConverter, ObjectProvider<OpaqueTokenIntrospector> introspector) {
		JwtDecoder decoder = jwtDecoder.getIfUnique();
		if (decoder != null) {
			JwtAuthenticationProvider provider = new JwtAuthenticationProvider(decoder);
			jwtConverter.ifUnique(provider::setJwtAuthenticationConverter);
			return provider;
		}
		return new OpaqueTokenAuthenticationProvider(introspector.getObject());
	}

	/** A {@link JwtDecoder} or an {@link OpaqueTokenIntrospector} is there to check tokens. */
	static final class OnResourceServer extends AnyNestedCondition {

		OnResourceServer() {
			super(ConfigurationCondition.ConfigurationPhase.REGISTER_BEAN);
		}

		@ConditionalOnBean(JwtDecoder.class)
		static final class JwtDecoderPresent {

		}

		@ConditionalOnBean(OpaqueTokenIntrospector.class)
		static final class IntrospectorPresent {

		}

	}

}
