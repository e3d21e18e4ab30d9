package io.github.mcpstarter.invocation;

import java.io.IOException;

import io.micrometer.observation.ObservationRegistry;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.http.server.observation.ServerRequestObservationConvention;
import org.springframework.web.filter.ServerHttpObservationFilter;
import org.springframework.web.servlet.DispatcherServlet;

/**
 * Serves an in-process request with the application's {@link DispatcherServlet}.
 *
 * <p>The servlet must have been initialized by the container; the auto-configuration asks for it
 * to be loaded at startup, since a tool call may come before any REST request.
 *
 * <p>Given the application's {@link ContainerFilters}, the request first goes through the servlet
 * filters the container would apply to the same REST request (Spring Security's among them), so
 * that the application's own security and filters decide the call, not a copy of them.
 *
 * <p>The {@link ServerHttpObservationFilter} that records a REST request
 * ({@code http.server.requests}) is one of those filters when the application has it. When it has
 * not (no filters given, or none of them observes), and an observation registry is given, the
 * dispatcher runs the request through such a filter itself: the endpoint's call is recorded as its
 * REST request would be (the handler mapping sets its path pattern), as a child of whatever
 * observation is current, the tool call's.
 */
public class MvcDispatcher {

	private final DispatcherServlet dispatcherServlet;

	private final String servletPrefix;

	private final @Nullable ServerHttpObservationFilter observationFilter;

	private final ContainerFilters filters;

	/**
	 * @param dispatcherServlet the application's DispatcherServlet
	 * @param servletPath the path it is mapped to ({@code /} or {@code /prefix})
	 */
	public MvcDispatcher(DispatcherServlet dispatcherServlet, String servletPath) {
		this(dispatcherServlet, servletPath, ObservationRegistry.NOOP, null);
	}

	/**
	 * @param dispatcherServlet the application's DispatcherServlet
	 * @param servletPath the path it is mapped to ({@code /} or {@code /prefix})
	 * @param observationRegistry where to record each request's observation
	 * @param convention the convention of those observations, or {@code null} for Spring's default
	 * @since 0.1.0
	 */
	public MvcDispatcher(DispatcherServlet dispatcherServlet, String servletPath,
			ObservationRegistry observationRegistry, @Nullable ServerRequestObservationConvention convention) {
		this(dispatcherServlet, servletPath, observationRegistry, convention, ContainerFilters.NONE);
	}

	/**
	 * @param dispatcherServlet the application's DispatcherServlet
	 * @param servletPath the path it is mapped to ({@code /} or {@code /prefix})
	 * @param observationRegistry where to record each request's observation, when no filter does
	 * @param convention the convention of those observations, or {@code null} for Spring's default
	 * @param filters the servlet filters each request goes through first, as its REST request would
	 * @since 0.1.0
	 */
	public MvcDispatcher(DispatcherServlet dispatcherServlet, String servletPath,
			ObservationRegistry observationRegistry, @Nullable ServerRequestObservationConvention convention,
			ContainerFilters filters) {
		this.dispatcherServlet = dispatcherServlet;
		this.filters = filters;
		String prefix = servletPath.endsWith("/*") ? servletPath.substring(0, servletPath.length() - 2) : servletPath;
		this.servletPrefix = prefix.equals("/") ? "" : (prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix);
		if (observationRegistry.isNoop()) {
			this.observationFilter = null;
		}
		else {
			this.observationFilter = (convention != null)
					? new ServerHttpObservationFilter(observationRegistry, convention)
					: new ServerHttpObservationFilter(observationRegistry);
		}
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
		this.filters.doFilter(request, response, this.dispatcherServlet.getServletName(), this::service);
	}

	private void service(jakarta.servlet.ServletRequest request, jakarta.servlet.ServletResponse response)
			throws ServletException, IOException {
		// Decided here, on the first call, not in the constructor: the filters are read on first use.
		if (this.observationFilter != null && !this.filters.observes()) {
			this.observationFilter.doFilter(request, response, this.dispatcherServlet::service);
		}
		else {
			this.dispatcherServlet.service(request, response);
		}
	}

}
