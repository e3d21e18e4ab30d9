package io.github.mcpstarter.invocation;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

/**
 * A further check of the HTTP request a tool call becomes, before it is dispatched. The
 * application's own servlet filters (Spring Security's chain among them) already run for every
 * call ({@link ContainerFilters}), so the starter defines none; this is a seam for checks that are
 * not a servlet filter of the application.
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

	/**
	 * Why the request would be turned away before any authorization, as the application's HTTP
	 * firewall turns away such a REST request (an encoded slash or a {@code ..} segment that an
	 * argument put into the path, say); none by default.
	 * @param toolRequest the request the tool call became
	 * @return the reason, or {@code null} when the request may go on; a rejected call gets a 400
	 * tool error, as the REST call would
	 * @since 0.1.0
	 */
	default @Nullable String rejection(HttpServletRequest toolRequest) {
		return null;
	}

}
