package io.github.mcpstarter.security;

import java.lang.reflect.AccessibleObject;
import java.lang.reflect.Method;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletRequest;
import org.aopalliance.intercept.MethodInvocation;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.aop.framework.AopProxyUtils;
import org.springframework.aop.support.AopUtils;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authorization.method.AuthorizationAdvisor;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.util.function.SingletonSupplier;
import org.springframework.web.method.HandlerMethod;

import io.github.mcpstarter.invocation.EndpointInvoker;
import io.github.mcpstarter.protocol.McpRequestContext;
import io.github.mcpstarter.protocol.Offering;
import io.github.mcpstarter.protocol.OfferingRegistry;
import io.github.mcpstarter.protocol.RegisteredTool;
import io.github.mcpstarter.protocol.AccessPolicy;
import io.github.mcpstarter.protocol.ToolRegistry;

/**
 * Decides who sees and calls which tool as Spring Security would decide the REST call, with the
 * application's own machinery:
 *
 * <ol>
 * <li>the tool's scopes ({@link McpScopes}): a token without them gets an insufficient-scope
 * answer naming every scope, for step-up;</li>
 * <li>the application's URL rules ({@code authorizeHttpRequests}) for the endpoint's method and
 * path template, as its filter chains apply them ({@link ApplicationUrlRules});</li>
 * <li>its method security: the application's own {@link AuthorizationAdvisor}s, the interceptors
 * {@code @EnableMethodSecurity} puts around the controller, with their expression handler (its
 * bean resolver, role prefix, permission evaluator) and managers, as configured.</li>
 * </ol>
 * A tool refused by the rules is hidden: not listed, and "unknown" when called by name.
 *
 * <p>The method security is asked as the controller's proxy asks it, with an invocation of the
 * handler method whose arguments are not known yet: each interceptor that applies to the method
 * runs, and an interceptor that lets the invocation proceed allowed it (one that checks after the
 * call, {@code @PostAuthorize}, always proceeds first). Rules that depend on argument values or on
 * the result cannot be decided so; such a tool is listed, the call itself is still authorized by
 * the application as it runs, and the startup log says once per tool why. An {@code @PostAuthorize}
 * alone leaves the rules checked before the call to decide the listing.
 */
public class SpringSecurityAccessPolicy implements AccessPolicy {

	private static final Log logger = LogFactory.getLog(SpringSecurityAccessPolicy.class);

	private final ApplicationUrlRules urlRules;

	private final Supplier<List<AuthorizationAdvisor>> methodSecurity;

	private final McpScopes scopes;

	/**
	 * By invoker, which has identity equality: a {@link RegisteredTool} is a record whose hash
	 * covers the tool's schemas, too much to compute on every call.
	 */
	private final Map<EndpointInvoker, ToolRules> rules = new ConcurrentHashMap<>();

	/** By invoker, the method-security interceptors that apply to it: matched once, asked on every check. */
	private final Map<EndpointInvoker, List<AuthorizationAdvisor>> applicable = new ConcurrentHashMap<>();

	/**
	 * @param urlRules the application's URL rules
	 * @param methodSecurity the application's method-security interceptors, asked once, on first use
	 * @param scopes the scopes of the server and its tools, and the authority prefix of scopes
	 * @since 0.1.0
	 */
	public SpringSecurityAccessPolicy(ApplicationUrlRules urlRules,
			Supplier<List<AuthorizationAdvisor>> methodSecurity, McpScopes scopes) {
		this.urlRules = urlRules;
		this.methodSecurity = SingletonSupplier.of(methodSecurity);
		this.scopes = scopes;
	}

	/**
	 * Reads the rules of every published offering now and after each change, so that one whose
	 * rules cannot be decided before it is used is reported once, when it is published.
	 * @param registries the published offerings, of every kind
	 * @since 0.2.0
	 */
	public void watch(List<? extends OfferingRegistry<?>> registries) {
		Runnable read = () -> {
			// Forget those no longer published, then read the new ones.
			Set<Object> published = new HashSet<>();
			registries.forEach((registry) -> registry.all().forEach((offering) -> published.add(offering.origin())));
			this.rules.keySet().retainAll(published);
			this.applicable.keySet().retainAll(published);
			registries.forEach((registry) -> registry.all().forEach(this::rulesOf));
		};
		registries.forEach((registry) -> registry.addListener(read));
		read.run();
	}

	/**
	 * Reads the rules of every published tool now and after each change.
	 * @param registry the published tools
	 * @since 0.1.0
	 */
	public void watch(ToolRegistry registry) {
		watch(List.of(registry));
	}

	/** Every scope a use of an offering needs. */
	public List<String> requiredScopes(Offering offering) {
		ToolRules rules = rulesOf(offering);
		return (rules != null) ? rules.scopes() : List.of();
	}

	@Override
	public Access check(Offering offering, McpRequestContext context) {
		ToolRules rules = rulesOf(offering);
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (rules == null || authentication == null) {
			return Access.ALLOWED;
		}
		Set<String> granted = scopes(authentication);
		if (!granted.containsAll(rules.scopes())) {
			return Access.insufficientScope(rules.scopes());
		}
		if (!urlRuleAllows(rules, authentication, context) || !methodSecurityAllows(rules)) {
			return Access.HIDDEN;
		}
		return Access.ALLOWED;
	}

	private @Nullable ToolRules rulesOf(Offering offering) {
		if (!(offering.origin() instanceof EndpointInvoker invoker)) {
			return null;
		}
		return this.rules.computeIfAbsent(invoker, (key) -> ToolRules.of(offering, key, this.scopes));
	}

	private Set<String> scopes(Authentication authentication) {
		Set<String> scopes = new HashSet<>();
		for (GrantedAuthority authority : authentication.getAuthorities()) {
			String scope = this.scopes.scopeOf(authority.getAuthority());
			if (scope != null) {
				scopes.add(scope);
			}
		}
		return scopes;
	}

	private boolean urlRuleAllows(ToolRules rules, Authentication authentication, McpRequestContext context) {
		HttpServletRequest request = context.transport().unwrap(HttpServletRequest.class);
		if (request == null) {
			// No request to judge (a transport that is not a servlet's): not shown, and the call
			// could not run anyway.
			return false;
		}
		// The path template stands for every path of the endpoint; a rule on one concrete path is
		// still applied when the call runs.
		return this.urlRules.isAllowed(rules.handler().templateRequest(request), authentication);
	}

	private boolean methodSecurityAllows(ToolRules rules) {
		if (rules.readsArguments()) {
			// Asked without its arguments, the expression would be judged on nulls: the call decides.
			return true;
		}
		Method method = rules.handlerMethod().getMethod();
		Object target = rules.target();
		for (AuthorizationAdvisor advisor : this.applicable.computeIfAbsent(rules.handler(),
				(handler) -> applicable(method, AopUtils.getTargetClass(target)))) {
			Probe probe = new Probe(target, method);
			try {
				advisor.invoke(probe);
			}
			catch (AccessDeniedException ex) {
				return false;
			}
			catch (Throwable ex) {
				if (!probe.proceeded) {
					// Not decidable without the arguments (an expression that failed on them): the
					// call decides, as it runs.
					if (logger.isDebugEnabled()) {
						logger.debug("Method security of tool '" + rules.name() + "' undecidable before the call: "
								+ ex.getMessage());
					}
					return true;
				}
			}
			if (!probe.proceeded) {
				// A denial handler answered in the method's place (@HandleAuthorizationDenied).
				return false;
			}
		}
		return true;
	}

	/** The interceptors the controller's proxy runs around this method, in their order. */
	private List<AuthorizationAdvisor> applicable(Method method, Class<?> targetClass) {
		return this.methodSecurity.get()
			.stream()
			.filter((advisor) -> advisor.getPointcut().getClassFilter().matches(targetClass)
					&& advisor.getPointcut().getMethodMatcher().matches(method, targetClass))
			.toList();
	}

	/**
	 * The invocation the interceptors are asked about: the handler method on its bean, with no
	 * arguments known; proceeding means the interceptor let it through, and stops there.
	 */
	private static final class Probe implements MethodInvocation {

		private static final RuntimeException PROCEEDED = new RuntimeException("proceeded", null, false, false) {
		};

		private final Object target;

		private final Method method;

		private final Object[] arguments;

		boolean proceeded;

		Probe(Object target, Method method) {
			this.target = target;
			this.method = method;
			this.arguments = new Object[method.getParameterCount()];
		}

		@Override
		public Method getMethod() {
			return this.method;
		}

		@Override
		public Object[] getArguments() {
			return this.arguments;
		}

		@Override
		public @Nullable Object proceed() {
			this.proceeded = true;
			throw PROCEEDED;
		}

		@Override
		public Object getThis() {
			return this.target;
		}

		@Override
		public AccessibleObject getStaticPart() {
			return this.method;
		}

	}

	private record ToolRules(String name, List<String> scopes, EndpointInvoker handler,
			HandlerMethod handlerMethod, Object target, @Nullable String undecidable, boolean readsArguments) {

		static ToolRules of(Offering registered, EndpointInvoker tool, McpScopes scopes) {
			String name = registered.name();
			HandlerMethod handler = tool.endpoint().handlerMethod();
			HandlerMethod resolved = (handler.getBean() instanceof String) ? handler.createWithResolvedBean() : handler;
			Object bean = resolved.getBean();
			Object target = AopUtils.isAopProxy(bean) ? AopProxyUtils.getSingletonTarget(bean) : bean;
			String undecidable = ToolScopes.undecidableBeforeTheCall(handler);
			if (undecidable != null) {
				logger.info("Tool '" + name + "' is listed to every caller its other rules allow, since " + undecidable
						+ "; its calls are authorized as they run.");
			}
			return new ToolRules(name, scopes.of(registered), tool, resolved,
					(target != null) ? target : bean, undecidable, ToolScopes.preAuthorizeArgument(handler) != null);
		}

	}

}
