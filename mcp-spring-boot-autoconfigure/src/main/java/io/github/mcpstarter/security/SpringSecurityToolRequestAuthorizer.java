package io.github.mcpstarter.security;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.RequestRejectedException;

import io.github.mcpstarter.invocation.ToolRequestAuthorizer;

/**
 * What Spring Security does to a REST request before the controller runs, done to the request a
 * tool call becomes, which goes straight to the DispatcherServlet: the application's
 * {@link HttpFirewall} (a path with an encoded slash, a {@code ..} segment or a control character,
 * which an argument may put there, is rejected), then its URL rules for the caller.
 *
 * @since 0.1.0
 */
public final class SpringSecurityToolRequestAuthorizer implements ToolRequestAuthorizer {

	private final ApplicationUrlRules urlRules;

	private final HttpFirewall firewall;

	/**
	 * @param urlRules the application's URL rules
	 * @param firewall the application's firewall ({@code StrictHttpFirewall} unless it has its own)
	 */
	public SpringSecurityToolRequestAuthorizer(ApplicationUrlRules urlRules, HttpFirewall firewall) {
		this.urlRules = urlRules;
		this.firewall = firewall;
	}

	@Override
	public @Nullable String rejection(HttpServletRequest toolRequest) {
		try {
			// Checks the method and the path at once; headers are the MCP request's, which the
			// firewall already guards as they are read.
			this.firewall.getFirewalledRequest(toolRequest);
			return null;
		}
		catch (RequestRejectedException ex) {
			return ex.getMessage();
		}
	}

	@Override
	public boolean isAllowed(HttpServletRequest toolRequest) {
		return this.urlRules.isAllowed(toolRequest, SecurityContextHolder.getContext().getAuthentication());
	}

}
