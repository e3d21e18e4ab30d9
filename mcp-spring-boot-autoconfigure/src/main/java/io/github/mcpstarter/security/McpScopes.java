package io.github.mcpstarter.security;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.jwt.Jwt;

import io.github.mcpstarter.invocation.EndpointInvoker;
import io.github.mcpstarter.protocol.Offering;
import io.github.mcpstarter.protocol.OfferingRegistry;
import io.github.mcpstarter.protocol.RegisteredTool;
import io.github.mcpstarter.protocol.ToolRegistry;

/**
 * The scopes of this MCP server: those every request needs ({@code mcp.server.security.scopes}),
 * those of its tools, resources and prompts, and those that grant the roles it checks
 * ({@code mcp.server.security.role-scopes}). {@code offline_access} is never among them: it is the
 * client's business.
 *
 * <p>The scopes of the tools are read from their annotations once per change of the published
 * tools (the registry says when), not on every unauthenticated request that needs a challenge.
 */
public class McpScopes {

	/** The authority prefix of scopes when the application says nothing else. */
	public static final String DEFAULT_AUTHORITY_PREFIX = "SCOPE_";

	private final List<OfferingRegistry<?>> offerings;

	private final List<String> required;

	private final String authorityPrefix;

	private final Map<String, List<String>> roleScopes;

	/** Every scope, computed on first use after each change of the tools; {@code null} when stale. */
	private volatile @Nullable Computed all;

	/** Counts the changes of the tools, so that a result computed from tools since changed is not kept. */
	private final java.util.concurrent.atomic.AtomicLong changes = new java.util.concurrent.atomic.AtomicLong();

	/**
	 * @param tools the published tools
	 * @param required the scopes every MCP request needs
	 */
	public McpScopes(ToolRegistry tools, List<String> required) {
		this(tools, required, DEFAULT_AUTHORITY_PREFIX, Map.of());
	}

	/**
	 * @param tools the published tools
	 * @param required the scopes every MCP request needs
	 * @param authorityPrefix what the application's token converter puts before a scope to make
	 * it an authority ({@code SCOPE_} by default)
	 * @param roleScopes by role (as {@code hasRole} names it), the scopes a client asks for to be
	 * granted it
	 * @since 0.1.0
	 */
	public McpScopes(ToolRegistry tools, List<String> required, String authorityPrefix,
			Map<String, List<String>> roleScopes) {
		this(List.of(tools), required, authorityPrefix, roleScopes);
	}

	/**
	 * @param offerings the published offerings, of every kind (tools, resources, prompts)
	 * @param required the scopes every MCP request needs
	 * @param authorityPrefix what the application's token converter puts before a scope to make
	 * it an authority ({@code SCOPE_} by default)
	 * @param roleScopes by role (as {@code hasRole} names it), the scopes a client asks for to be
	 * granted it
	 * @since 0.2.0
	 */
	public McpScopes(List<? extends OfferingRegistry<?>> offerings, List<String> required, String authorityPrefix,
			Map<String, List<String>> roleScopes) {
		this.offerings = List.copyOf(offerings);
		this.required = required.stream().filter((scope) -> !"offline_access".equals(scope)).toList();
		this.authorityPrefix = authorityPrefix;
		Map<String, List<String>> copy = new LinkedHashMap<>();
		roleScopes.forEach((role, scopes) -> copy.put(role, List.copyOf(scopes)));
		this.roleScopes = Map.copyOf(copy);
		for (OfferingRegistry<?> registry : this.offerings) {
			registry.addListener(() -> {
				this.changes.incrementAndGet();
				this.all = null;
			});
		}
	}

	/**
	 * The scopes of this server, with the authority prefix of the application's JWT converter.
	 * @param offerings the published offerings, of every kind
	 * @param required the scopes every MCP request needs
	 * @param jwtConverter the application's JWT converter, or {@code null} for Spring Security's default
	 * @param roleScopes by role, the scopes that grant it
	 * @since 0.1.0
	 */
	public static McpScopes of(List<? extends OfferingRegistry<?>> offerings, List<String> required,
			@Nullable Converter<Jwt, ? extends AbstractAuthenticationToken> jwtConverter,
			Map<String, List<String>> roleScopes) {
		return new McpScopes(offerings, required, ScopeAuthorityPrefix.of(jwtConverter), roleScopes);
	}

	/** The scopes every MCP request needs. */
	public List<String> required() {
		return this.required;
	}

	/**
	 * The authority a scope becomes in the application ({@code SCOPE_orders.read}).
	 * @param scope the scope
	 * @since 0.1.0
	 */
	public String authority(String scope) {
		return this.authorityPrefix + scope;
	}

	/**
	 * The scope an authority stands for, or {@code null} when it stands for none.
	 * @param authority an authority of the caller
	 * @since 0.1.0
	 */
	public @Nullable String scopeOf(@Nullable String authority) {
		return (authority != null && authority.startsWith(this.authorityPrefix))
				? authority.substring(this.authorityPrefix.length()) : null;
	}

	/**
	 * The scopes a client should ask for when it has no token: those every request needs, else
	 * every scope of the tools and of the roles.
	 */
	public List<String> challenge() {
		return this.required.isEmpty() ? all() : this.required;
	}

	/**
	 * The scopes a use of one offering needs (a tool's call, a resource's read): those every
	 * request needs, and its endpoint's own.
	 * @since 0.2.0
	 */
	public List<String> of(Offering offering) {
		Set<String> scopes = new LinkedHashSet<>(this.required);
		if (offering.origin() instanceof EndpointInvoker invoker) {
			scopes.addAll(ToolScopes.of(invoker.endpoint().handlerMethod(), this.authorityPrefix));
		}
		scopes.remove("offline_access");
		return List.copyOf(scopes);
	}

	/** Every scope of the server, of its tools and of its roles ({@code scopes_supported}). */
	public List<String> all() {
		long change = this.changes.get();
		Computed all = this.all;
		if (all == null || all.change() != change) {
			// Read the count first: a change while computing leaves a result the next call replaces.
			all = new Computed(change, compute());
			this.all = all;
		}
		return all.scopes();
	}

	private record Computed(long change, List<String> scopes) {
	}

	private List<String> compute() {
		Set<String> scopes = new LinkedHashSet<>(this.required);
		for (OfferingRegistry<?> registry : this.offerings) {
			for (Offering offering : registry.all()) {
				if (offering.origin() instanceof EndpointInvoker invoker) {
					scopes.addAll(ToolScopes.of(invoker.endpoint().handlerMethod(), this.authorityPrefix));
				}
			}
		}
		this.roleScopes.values().forEach(scopes::addAll);
		scopes.remove("offline_access");
		return List.copyOf(scopes);
	}

}
