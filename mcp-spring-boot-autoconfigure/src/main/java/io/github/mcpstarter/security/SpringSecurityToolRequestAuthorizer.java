package io.github.mcpstarter.security;

import java.lang.reflect.Field;
import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.FilterChainProxy;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.util.ReflectionUtils;
import org.springframework.util.function.SingletonSupplier;

import io.github.mcpstarter.invocation.ToolRequestAuthorizer;

/**
 * What Spring Security does to a REST request before the controller runs, done to the request a
 * tool call becomes, which goes straight to the DispatcherServlet: the firewall of the
 * application's {@link FilterChainProxy} (a path with an encoded slash, a {@code ..} segment or a control character,
 * which an argument may put there, is rejected), then its URL rules for the caller.
 *
 * @since 0.1.0
 */
public final class SpringSecurityToolRequestAuthorizer implements ToolRequestAuthorizer {

	private final ApplicationUrlRules urlRules;

	private final Supplier<HttpFirewall> firewall;

	/**
	 * @param urlRules the application's URL rules
	 * @param firewall the application's firewall, asked once, on first use
	 */
	public SpringSecurityToolRequestAuthorizer(ApplicationUrlRules urlRules, Supplier<HttpFirewall> firewall) {
		this.urlRules = urlRules;
		this.firewall = SingletonSupplier.of(firewall);
	}

	/**
	 * The firewall a {@link FilterChainProxy} puts in front of every request: whichever the
	 * application set, through an {@link HttpFirewall} bean or {@code WebSecurity.httpFirewall(...)}.
	 * The proxy does not expose it, so it is read from its field; failing that, the application's
	 * bean, else Spring Security's default.
	 * @param proxy the application's filter chains, or {@code null}
	 * @param bean the application's {@link HttpFirewall} bean, or {@code null}
	 * @return the firewall
	 */
	public static HttpFirewall firewallOf(@Nullable FilterChainProxy proxy, @Nullable HttpFirewall bean) {
		try {
			// Spring Security registers a composite around the proxy that WebSecurity built, and
			// that one holds the firewall.
			Object inner = (proxy != null) ? read(proxy, "springSecurityFilterChain") : null;
			FilterChainProxy built = (inner instanceof FilterChainProxy wrapped) ? wrapped : proxy;
			if (built != null && read(built, "firewall") instanceof HttpFirewall firewall) {
				return firewall;
			}
		}
		catch (RuntimeException ex) {
			// Not readable here (a module boundary, a renamed field): the bean, or the default.
		}
		return (bean != null) ? bean : new StrictHttpFirewall();
	}

	private static @Nullable Object read(Object target, String name) {
		Field field = ReflectionUtils.findField(target.getClass(), name);
		if (field == null) {
			return null;
		}
		ReflectionUtils.makeAccessible(field);
		return ReflectionUtils.getField(field, target);
	}

	@Override
	public @Nullable String rejection(HttpServletRequest toolRequest) {
		try {
			// Checks the method and the path at once; headers are the MCP request's, which the
			// firewall already guards as they are read.
			this.firewall.get().getFirewalledRequest(toolRequest);
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
