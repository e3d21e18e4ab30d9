package io.github.mcpstarter.invocation;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.web.servlet.AbstractFilterRegistrationBean;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletContextInitializer;
import org.springframework.boot.web.servlet.ServletContextInitializerBeans;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.i18n.LocaleContext;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.util.ClassUtils;
import org.springframework.util.function.SingletonSupplier;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.filter.ServerHttpObservationFilter;

/**
 * The servlet filters the container applies to a request for the DispatcherServlet, in the
 * container's order, so that a tool call's in-process request goes through the very filters its
 * REST request would: Spring Security's {@code FilterChainProxy} (its firewall, its authentication
 * of the caller's {@code Authorization} header, its URL rules, its exception handling) and every
 * other filter of the application (tenant checks, MDC, rate limits), each with its own URL patterns
 * and dispatcher types. A filter that answers the request itself (a 400, a 403) answers the tool
 * call, and the DispatcherServlet is never reached, as for REST.
 *
 * <p><b>Where the filters come from.</b> The container does not let an application read back
 * the filters it registered (a {@code FilterRegistration} gives names and mappings, never the
 * filter), nor build a chain for a request it did not receive. Spring Boot registers them from
 * the application's beans with {@link ServletContextInitializerBeans}: its
 * {@link FilterRegistrationBean}s and {@code DelegatingFilterProxyRegistrationBean}s (Spring
 * Security's), and plain {@link Filter} beans, which it maps to {@code /*}, all sorted by order.
 * The same class is asked here, once, on first use, so the filters, their order and their
 * mappings are those Boot gave the container. Filters declared outside Boot's beans (in a
 * {@code web.xml}, or by the container itself) are not known here and do not run.
 *
 * <p><b>Which apply.</b> As the Servlet specification (§12.2, §6.2.4) and Tomcat do: the
 * filters whose URL patterns match the path within the context (exact, {@code /prefix/*},
 * {@code *.ext}, {@code /*}) in order, then those mapped to the DispatcherServlet by name, each
 * once, and only those registered for the {@code REQUEST} dispatcher type, the tool call's.
 *
 * <p><b>State kept across.</b> Filters of the application may reset thread-bound state when they
 * finish: Spring Security's clears its {@code SecurityContextHolder}, Spring's
 * {@code RequestContextFilter} the request attributes and locale. The tool call runs inside the MCP
 * request, which still needs them, so they are put back as they were.
 *
 * @since 0.1.0
 */
public final class ContainerFilters {

	private static final boolean SPRING_SECURITY_PRESENT = ClassUtils.isPresent(
			"org.springframework.security.core.context.SecurityContextHolder", ContainerFilters.class.getClassLoader());

	/** No filters: the request goes straight to the servlet. */
	public static final ContainerFilters NONE = new ContainerFilters(List::of);

	private final Supplier<List<MappedFilter>> filters;

	private ContainerFilters(Supplier<List<MappedFilter>> filters) {
		this.filters = SingletonSupplier.of(filters);
	}

	/**
	 * The filters Spring Boot registers with the container from the application's beans, read on
	 * first use (after startup, when every bean exists).
	 * @param beans the application's bean factory
	 * @return the filters
	 */
	public static ContainerFilters of(ListableBeanFactory beans) {
		return new ContainerFilters(() -> {
			List<MappedFilter> filters = new ArrayList<>();
			for (ServletContextInitializer initializer : new ServletContextInitializerBeans(beans)) {
				if (initializer instanceof AbstractFilterRegistrationBean<?> registration && registration.isEnabled()
						&& registration.determineDispatcherTypes().contains(DispatcherType.REQUEST)) {
					filters.add(MappedFilter.of(registration));
				}
			}
			return List.copyOf(filters);
		});
	}

	/** Whether one of the filters records the request's observation ({@code http.server.requests}). */
	public boolean observes() {
		return this.filters.get().stream().anyMatch((mapped) -> mapped.filter() instanceof ServerHttpObservationFilter);
	}

	/**
	 * Runs the request through the filters that apply to it, then into the servlet.
	 * @param request the request, for the servlet named {@code servletName}
	 * @param response its response
	 * @param servletName the name the servlet is registered with
	 * @param servlet what serves the request once every filter let it through
	 */
	public void doFilter(HttpServletRequest request, HttpServletResponse response, String servletName,
			FilterChain servlet) throws ServletException, IOException {
		List<Filter> applicable = applicable(request, servletName);
		if (applicable.isEmpty()) {
			servlet.doFilter(request, response);
			return;
		}
		RequestAttributes requestAttributes = RequestContextHolder.getRequestAttributes();
		LocaleContext locale = LocaleContextHolder.getLocaleContext();
		Object securityContext = SPRING_SECURITY_PRESENT ? SecurityContextState.save() : null;
		try {
			new Chain(applicable, servlet).doFilter(request, response);
		}
		finally {
			RequestContextHolder.setRequestAttributes(requestAttributes);
			LocaleContextHolder.setLocaleContext(locale);
			if (SPRING_SECURITY_PRESENT) {
				SecurityContextState.restore(securityContext);
			}
		}
	}

	List<Filter> applicable(HttpServletRequest request, String servletName) {
		String path = request.getServletPath() + ((request.getPathInfo() != null) ? request.getPathInfo() : "");
		List<Filter> applicable = new ArrayList<>();
		List<MappedFilter> filters = this.filters.get();
		for (MappedFilter mapped : filters) {
			if (mapped.matchesPath(path)) {
				applicable.add(mapped.filter());
			}
		}
		for (MappedFilter mapped : filters) {
			if (mapped.matchesServlet(servletName) && !applicable.contains(mapped.filter())) {
				applicable.add(mapped.filter());
			}
		}
		return applicable;
	}

	/** A filter and where the container applies it. */
	record MappedFilter(Filter filter, List<String> urlPatterns, Set<String> servletNames) {

		static MappedFilter of(AbstractFilterRegistrationBean<?> registration) {
			// As Boot registers it: a DelegatingFilterProxy finds its target bean on first use.
			Filter filter = registration.getFilter();
			Set<String> servletNames = new java.util.HashSet<>(registration.getServletNames());
			for (ServletRegistrationBean<?> servlet : registration.getServletRegistrationBeans()) {
				servletNames.add(servlet.getServletName());
			}
			List<String> urlPatterns = List.copyOf(registration.getUrlPatterns());
			// Boot's default when neither is given (AbstractFilterRegistrationBean.configure).
			if (urlPatterns.isEmpty() && servletNames.isEmpty()) {
				urlPatterns = List.of("/*");
			}
			return new MappedFilter(filter, urlPatterns, Set.copyOf(servletNames));
		}

		boolean matchesServlet(String servletName) {
			return this.servletNames.contains(servletName) || this.servletNames.contains("*");
		}

		/** Servlet specification §12.2, as Tomcat's {@code ApplicationFilterFactory} reads it. */
		boolean matchesPath(String path) {
			for (String pattern : this.urlPatterns) {
				if (matches(pattern, path)) {
					return true;
				}
			}
			return false;
		}

		private static boolean matches(String pattern, String path) {
			if (pattern.equals(path) || pattern.equals("/*")) {
				return true;
			}
			if (pattern.endsWith("/*")) {
				String prefix = pattern.substring(0, pattern.length() - 2);
				return path.equals(prefix) || path.startsWith(prefix + "/");
			}
			if (pattern.startsWith("*.")) {
				int slash = path.lastIndexOf('/');
				int period = path.lastIndexOf('.');
				return period > slash && path.substring(period).equals(pattern.substring(1));
			}
			return false;
		}

	}

	/** The filters that apply, then the servlet. */
	private static final class Chain implements FilterChain {

		private final List<Filter> filters;

		private final FilterChain servlet;

		private int next;

		Chain(List<Filter> filters, FilterChain servlet) {
			this.filters = filters;
			this.servlet = servlet;
		}

		@Override
		public void doFilter(ServletRequest request, ServletResponse response) throws IOException, ServletException {
			if (this.next < this.filters.size()) {
				this.filters.get(this.next++).doFilter(request, response, this);
			}
			else {
				this.servlet.doFilter(request, response);
			}
		}

	}

	/** Kept apart so that the class loads without Spring Security. */
	private static final class SecurityContextState {

		static Object save() {
			return org.springframework.security.core.context.SecurityContextHolder.getContext();
		}

		static void restore(@Nullable Object context) {
			if (context != null) {
				org.springframework.security.core.context.SecurityContextHolder
					.setContext((org.springframework.security.core.context.SecurityContext) context);
			}
		}

	}

}
