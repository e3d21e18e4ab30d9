package io.github.mcpstarter.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletRequest;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.aop.support.AopUtils;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.util.SimpleMethodInvocation;
import org.springframework.security.web.access.WebInvocationPrivilegeEvaluator;
import org.springframework.web.method.HandlerMethod;

import io.github.mcpstarter.discovery.McpEndpoint;
import io.github.mcpstarter.invocation.MvcDispatcher;
import io.github.mcpstarter.invocation.SpringMvcToolCallHandler;
import io.github.mcpstarter.protocol.McpRequestContext;
import io.github.mcpstarter.protocol.RegisteredTool;
import io.github.mcpstarter.protocol.ToolAccessPolicy;

/**
 * Decides who sees and calls which tool exactly as Spring Security would decide the REST call:
 *
 * <ol>
 * <li>the tool's scopes ({@link ToolScopes}): a token without them gets an insufficient-scope
 * answer naming every scope, for step-up;</li>
 * <li>the application's URL rules ({@code authorizeHttpRequests}) for the endpoint's method and
 * path, through the {@link WebInvocationPrivilegeEvaluator} of its filter chains;</li>
 * <li>its method security ({@code @PreAuthorize}, {@code @Secured}) on the handler method.</li>
 * </ol>
 * A tool refused by the rules is hidden: not listed, and "unknown" when called by name. Rules
 * that depend on argument values cannot be decided before the call; such a tool is listed, and
 * the call itself is still authorized by the application as it runs (method security on the
 * controller, URL rules for the concrete path).
 */
public class SpringSecurityToolAccessPolicy implements ToolAccessPolicy {

	private static final Log logger = LogFactory.getLog(SpringSecurityToolAccessPolicy.class);

	private static final String SCOPE_PREFIX = "SCOPE_";

	private final Supplier<@Nullable WebInvocationPrivilegeEvaluator> urlRules;

	private final List<AuthorizationManager<org.aopalliance.intercept.MethodInvocation>> methodRules;

	private final MvcDispatcher dispatcher;

	/**
	 * By handler, which has identity equality: a {@link RegisteredTool} is a record whose hash
	 * covers the tool's schemas, too much to compute on every call.
	 */
	private final Map<SpringMvcToolCallHandler, ToolRules> rules = new ConcurrentHashMap<>();

	/**
	 * @param urlRules the application's URL rules, when it has any
	 * @param methodRules managers for {@code @PreAuthorize}, {@code @Secured} and the like
	 * @param dispatcher where the endpoints are served, for their full paths
	 */
	public SpringSecurityToolAccessPolicy(Supplier<@Nullable WebInvocationPrivilegeEvaluator> urlRules,
			List<AuthorizationManager<org.aopalliance.intercept.MethodInvocation>> methodRules,
			MvcDispatcher dispatcher) {
		this.urlRules = urlRules;
		this.methodRules = List.copyOf(methodRules);
		this.dispatcher = dispatcher;
	}

	/** Every scope a tool needs. */
	public List<String> requiredScopes(RegisteredTool tool) {
		ToolRules rules = rulesOf(tool);
		return (rules != null) ? rules.scopes() : List.of();
	}

	@Override
	public Access check(RegisteredTool tool, McpRequestContext context) {
		ToolRules rules = rulesOf(tool);
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (rules == null || authentication == null) {
			return Access.ALLOWED;
		}
		Set<String> granted = scopes(authentication);
		if (!granted.containsAll(rules.scopes())) {
			return Access.insufficientScope(rules.scopes());
		}
		if (!urlRuleAllows(rules, authentication, context) || !methodRulesAllow(rules, authentication)) {
			return Access.HIDDEN;
		}
		return Access.ALLOWED;
	}

	private @Nullable ToolRules rulesOf(RegisteredTool tool) {
		if (!(tool.handler() instanceof SpringMvcToolCallHandler handler)) {
			return null;
		}
		return this.rules.computeIfAbsent(handler, (key) -> ToolRules.of(key.endpoint()));
	}

	private static Set<String> scopes(Authentication authentication) {
		Set<String> scopes = new java.util.HashSet<>();
		for (GrantedAuthority authority : authentication.getAuthorities()) {
			String name = authority.getAuthority();
			if (name != null && name.startsWith(SCOPE_PREFIX)) {
				scopes.add(name.substring(SCOPE_PREFIX.length()));
			}
		}
		return scopes;
	}

	private boolean urlRuleAllows(ToolRules rules, Authentication authentication, McpRequestContext context) {
		WebInvocationPrivilegeEvaluator evaluator = this.urlRules.get();
		if (evaluator == null) {
			return true;
		}
		HttpServletRequest request = context.transport().unwrap(HttpServletRequest.class);
		String contextPath = (request != null) ? request.getContextPath() : "";
		// The path template stands for every path of the endpoint; a rule on one concrete path is
		// still applied when the call runs.
		return evaluator.isAllowed(contextPath, this.dispatcher.servletPrefix() + rules.pathTemplate(),
				rules.httpMethod(), authentication);
	}

	private boolean methodRulesAllow(ToolRules rules, Authentication authentication) {
		Object bean = rules.handler().getBean();
		Object target = AopUtils.isAopProxy(bean) ? org.springframework.aop.framework.AopProxyUtils.getSingletonTarget(bean)
				: bean;
		SimpleMethodInvocation invocation = new SimpleMethodInvocation(target, rules.handler().getMethod(),
				new Object[rules.handler().getMethod().getParameterCount()]);
		for (AuthorizationManager<org.aopalliance.intercept.MethodInvocation> manager : this.methodRules) {
			try {
				AuthorizationResult result = manager.authorize(() -> authentication, invocation);
				if (result != null && !result.isGranted()) {
					return false;
				}
			}
			catch (RuntimeException ex) {
				// An expression over argument values cannot be judged without them: the call decides.
				if (logger.isTraceEnabled()) {
					logger.trace("Method security of " + rules.handler() + " undecidable before the call", ex);
				}
			}
		}
		return true;
	}

	private record ToolRules(List<String> scopes, String httpMethod, String pathTemplate, HandlerMethod handler) {

		static ToolRules of(McpEndpoint endpoint) {
			HandlerMethod handler = endpoint.handlerMethod();
			List<String> scopes = new ArrayList<>(ToolScopes.of(handler));
			return new ToolRules(List.copyOf(scopes), endpoint.httpMethod().name(), endpoint.pathPattern(),
					handler.getBean() instanceof String ? handler.createWithResolvedBean() : handler);
		}

	}

}
