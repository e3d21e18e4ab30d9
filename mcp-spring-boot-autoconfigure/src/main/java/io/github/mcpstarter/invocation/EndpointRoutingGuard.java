package io.github.mcpstarter.invocation;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Stops an in-process request before a handler other than the one it was built for runs.
 *
 * <p>A tool call, resource read or prompt get builds the request of one endpoint from its
 * arguments, and is authorized as that endpoint (its scopes, its method security). But Spring MVC
 * routes by path: a value that equals a literal segment of another mapping ({@code /docs/{name}}
 * with {@code name = "admin-stats"}, where {@code /docs/admin-stats} is an endpoint of its own)
 * would run that other handler, under the first one's authorization. The guard lets the request
 * through only to its own handler; any other is refused before it runs, and the invocation
 * answers that the arguments do not fit the endpoint.
 *
 * @since 0.2.0
 */
public final class EndpointRoutingGuard implements HandlerInterceptor {

	/** The handler method an in-process request is for. */
	static final String EXPECTED_HANDLER = EndpointRoutingGuard.class.getName() + ".expected";

	/** Set when the guard refused another handler. */
	static final String MISROUTED = EndpointRoutingGuard.class.getName() + ".misrouted";

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		Object expected = request.getAttribute(EXPECTED_HANDLER);
		if (expected == null || (handler instanceof HandlerMethod method && method.getMethod().equals(expected))) {
			return true;
		}
		request.setAttribute(MISROUTED, Boolean.TRUE);
		return false;
	}

}
