package io.github.mcpstarter.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

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
import org.springframework.web.method.HandlerMethod;

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
 * path template, as its filter chains apply them ({@link ApplicationUrlRules});</li>
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

	private final ApplicationUrlRules urlRules;

	private final List<AuthorizationManager<org.aopalliance.intercept.MethodInvocation>> methodRules;

	/**
	 * By handler, which has identity equality: a {@link RegisteredTool} is a record whose hash
	 * covers the tool's schemas, too much to compute on every call.
	 */
	private final Map<SpringMvcToolCallHandler, ToolRules> rules = new ConcurrentHashMap<>();

	/**
	 * @param urlRules the application's URL rules
	 * @param methodRules managers for {@code @PreAuthorize}, {@code @Secured} and the like
	 */
	public SpringSecurityToolAccessPolicy(ApplicationUrlRules urlRules,
			List<AuthorizationManager<org.aopalliance.intercept.MethodInvocation>> methodRules) {
		this.urlRules = urlRules;
		this.methodRules = List.copyOf(methodRules);
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
		return this.rules.computeIfAbsent(handler, ToolRules::of);
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

	private boolean methodRulesAllow(ToolRules rules, Authentication authentication) {
		Object bean = rules.handlerMethod().getBean();
		Object target = AopUtils.isAopProxy(bean) ? org.springframework.aop.framework.AopProxyUtils.getSingletonTarget(bean)
				: bean;
		SimpleMethodInvocation invocation = new SimpleMethodInvocation(target, rules.handlerMethod().getMethod(),
				new Object[rules.handlerMethod().getMethod().getParameterCount()]);
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
					logger.trace("Method security of " + rules.handlerMethod() + " undecidable before the call", ex);
				}
			}
		}
		return true;
	}

	private record ToolRules(List<String> scopes, SpringMvcToolCallHandler handler, HandlerMethod handlerMethod) {

		static ToolRules of(SpringMvcToolCallHandler tool) {
			HandlerMethod handler = tool.endpoint().handlerMethod();
			List<String> scopes = new ArrayList<>(ToolScopes.of(handler));
			return new ToolRules(List.copyOf(scopes), tool,
					handler.getBean() instanceof String ? handler.createWithResolvedBean() : handler);
		}

	}

}
