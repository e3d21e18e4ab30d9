package io.github.mcpstarter.invocation;

import java.io.IOException;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.servlet.DispatcherServlet;

/**
 * Serves an in-process request with the application's {@link DispatcherServlet}.
 *
 * <p>The servlet must have been initialized by the container; the auto-configuration asks for it
 * to be loaded at startup, since a tool call may come before any REST request.
 */
public class MvcDispatcher {

	private final DispatcherServlet dispatcherServlet;

	private final String servletPrefix;

	/**
	 * @param dispatcherServlet the application's DispatcherServlet
	 * @param servletPath the path it is mapped to ({@code /} or {@code /prefix})
	 */
	public MvcDispatcher(DispatcherServlet dispatcherServlet, String servletPath) {
		this.dispatcherServlet = dispatcherServlet;
		String prefix = servletPath.endsWith("/*") ? servletPath.substring(0, servletPath.length() - 2) : servletPath;
		this.servletPrefix = prefix.equals("/") ? "" : (prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix);
	}

	/** The path prefix of the DispatcherServlet within the context ({@code ""} when mapped to {@code /}). */
	public String servletPrefix() {
		return this.servletPrefix;
	}

	/**
	 * Serves the request on the calling thread.
	 * @throws IllegalStateException when the DispatcherServlet is not initialized yet
	 */
	public void dispatch(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
		if (this.dispatcherServlet.getServletConfig() == null) {
			throw new IllegalStateException("The DispatcherServlet is not initialized yet");
		}
		this.dispatcherServlet.service(request, response);
	}

}
