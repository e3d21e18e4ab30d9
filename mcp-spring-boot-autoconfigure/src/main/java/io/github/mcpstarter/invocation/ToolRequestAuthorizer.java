package io.github.mcpstarter.invocation;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Decides whether the HTTP request a tool call becomes may run, as the application's filter
 * chain would for the same REST request. A tool call goes straight to the DispatcherServlet, past
 * the servlet filters, so the URL rules those filters enforce are applied here.
 */
@FunctionalInterface
public interface ToolRequestAuthorizer {

	/** Lets every request run: applications without URL rules. */
	ToolRequestAuthorizer ALLOW_ALL = (request) -> true;

	/**
	 * @param toolRequest the request the tool call became (method, path, query, headers)
	 * @return whether it may run; a refused call gets a 403 tool error, as the REST call would
	 */
	boolean isAllowed(HttpServletRequest toolRequest);

}
