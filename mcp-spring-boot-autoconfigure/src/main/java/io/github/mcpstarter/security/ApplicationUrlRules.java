package io.github.mcpstarter.security;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.FilterChainProxy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.WebInvocationPrivilegeEvaluator;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.util.function.SingletonSupplier;
import org.springframework.web.util.ServletRequestPathUtils;

/**
 * The application's URL rules ({@code authorizeHttpRequests}), applied to a request as its
 * {@link FilterChainProxy} would apply them to the same request sent as REST: the first chain
 * that matches it decides, with the rules of its {@link AuthorizationFilter}; a chain without one,
 * or no chain at all, does not restrict it.
 *
 * <p>The request is a real one (a tool call's, with the caller's headers and address), so rules on
 * headers or addresses see what they would see for REST. The application's
 * {@link WebInvocationPrivilegeEvaluator} is asked instead, with the request's path and method only,
 * when there is no single {@link FilterChainProxy} bean, or when a chain is guarded by the legacy
 * {@code FilterSecurityInterceptor}, whose rules only the evaluator can apply.
 *
 * <p>Why not the evaluator first: it is Spring Security's public API for the question, but it
 * judges a request it builds from the path and method alone, so a rule on a header or an address
 * would be judged on a request without them. The chains and their {@link AuthorizationFilter}'s
 * manager are public API too ({@link FilterChainProxy#getFilterChains()},
 * {@link AuthorizationFilter#getAuthorizationManager()}), and see the real request. This serves
 * listing only: a call runs through the application's filter chain itself.
 *
 * @since 0.1.0
 */
public final class ApplicationUrlRules {

	private static final String LEGACY_INTERCEPTOR = "org.springframework.security.web.access.intercept.FilterSecurityInterceptor";

	private final Supplier<@Nullable List<ChainRules>> chains;

	private final Supplier<@Nullable WebInvocationPrivilegeEvaluator> evaluator;

	/**
	 * @param filterChainProxy the application's filter chains, or {@code null} when it has none;
	 * asked once, on first use (the chains are built after the beans that use them)
	 * @param evaluator asked when there is no {@link FilterChainProxy}; may give {@code null}
	 */
	public ApplicationUrlRules(Supplier<@Nullable FilterChainProxy> filterChainProxy,
			Supplier<@Nullable WebInvocationPrivilegeEvaluator> evaluator) {
		this.chains = SingletonSupplier.of(() -> {
			FilterChainProxy proxy = filterChainProxy.get();
			return (proxy != null && !usesLegacyInterceptor(proxy)) ? ChainRules.of(proxy.getFilterChains()) : null;
		});
		this.evaluator = SingletonSupplier.of(evaluator);
	}

	/**
	 * Whether the URL rules let this request through.
	 * @param request the request, as it would arrive
	 * @param authentication the caller
	 */
	public boolean isAllowed(HttpServletRequest request, @Nullable Authentication authentication) {
		List<ChainRules> chains = this.chains.get();
		if (chains == null) {
			WebInvocationPrivilegeEvaluator evaluator = this.evaluator.get();
			return evaluator == null || evaluator.isAllowed(request.getContextPath(),
					request.getRequestURI().substring(request.getContextPath().length()), request.getMethod(),
					authentication);
		}
		// As for REST, where Spring Security's ServletRequestPathFilter parses the path before any
		// chain is matched: matchers may read it.
		boolean parsedHere = !ServletRequestPathUtils.hasParsedRequestPath(request);
		if (parsedHere) {
			ServletRequestPathUtils.parseAndCache(request);
		}
		try {
			for (ChainRules chain : chains) {
				if (chain.chain().matches(request)) {
					if (chain.rules() == null) {
						return true;
					}
					AuthorizationResult result = chain.rules().authorize(() -> authentication, request);
					return result == null || result.isGranted();
				}
			}
			return true;
		}
		finally {
			if (parsedHere) {
				ServletRequestPathUtils.clearParsedRequestPath(request);
			}
		}
	}

	private static boolean usesLegacyInterceptor(FilterChainProxy proxy) {
		for (SecurityFilterChain chain : proxy.getFilterChains()) {
			for (Filter filter : chain.getFilters()) {
				if (filter.getClass().getName().equals(LEGACY_INTERCEPTOR)) {
					return true;
				}
			}
		}
		return false;
	}

	private record ChainRules(SecurityFilterChain chain, @Nullable AuthorizationManager<HttpServletRequest> rules) {

		static List<ChainRules> of(List<SecurityFilterChain> chains) {
			List<ChainRules> rules = new ArrayList<>(chains.size());
			for (SecurityFilterChain chain : chains) {
				AuthorizationManager<HttpServletRequest> manager = null;
				for (Filter filter : chain.getFilters()) {
					if (filter instanceof AuthorizationFilter authorization) {
						manager = authorization.getAuthorizationManager();
						break;
					}
				}
				rules.add(new ChainRules(chain, manager));
			}
			return List.copyOf(rules);
		}

	}

}
