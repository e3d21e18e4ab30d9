package io.github.mcpstarter.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Configuration of the MCP server.
 *
 * @since 0.1.0
 */
@ConfigurationProperties("mcp.server")
public class McpServerProperties {

	/**
	 * Whether to publish the annotated endpoints (tools, resources, prompts) as an MCP server.
	 */
	private boolean enabled = true;

	/**
	 * Name the server reports to clients. Defaults to spring.application.name, else "mcp-server".
	 */
	private @Nullable String name;

	/**
	 * Human-readable name the server reports to clients.
	 */
	private @Nullable String title;

	/**
	 * Version the server reports to clients.
	 */
	private String version = "1.0.0";

	/**
	 * Instructions for the model on how to use this server's tools, sent at initialization.
	 */
	private @Nullable String instructions;

	/**
	 * The URL clients reach this server at, with its context path (such as https://api.example.com). The canonical MCP resource URLs, the audiences accepted in tokens and the metadata URLs derive from it; unset, they derive from each request's Host header.
	 */
	private @Nullable String publicUrl;

	private final StreamableHttp streamableHttp = new StreamableHttp();

	private final Sse sse = new Sse();

	private final Session session = new Session();

	private final Tools tools = new Tools();

	private final Resources resources = new Resources();

	private final Input input = new Input();

	private final Security security = new Security();

	private final Audit audit = new Audit();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public @Nullable String getName() {
		return this.name;
	}

	public void setName(@Nullable String name) {
		this.name = name;
	}

	public @Nullable String getTitle() {
		return this.title;
	}

	public void setTitle(@Nullable String title) {
		this.title = title;
	}

	public String getVersion() {
		return this.version;
	}

	public void setVersion(String version) {
		this.version = version;
	}

	public @Nullable String getInstructions() {
		return this.instructions;
	}

	public void setInstructions(@Nullable String instructions) {
		this.instructions = instructions;
	}

	public @Nullable String getPublicUrl() {
		return this.publicUrl;
	}

	public void setPublicUrl(@Nullable String publicUrl) {
		this.publicUrl = publicUrl;
	}

	public StreamableHttp getStreamableHttp() {
		return this.streamableHttp;
	}

	public Sse getSse() {
		return this.sse;
	}

	public Session getSession() {
		return this.session;
	}

	public Tools getTools() {
		return this.tools;
	}

	public Security getSecurity() {
		return this.security;
	}

	public Input getInput() {
		return this.input;
	}

	public Resources getResources() {
		return this.resources;
	}

	public Audit getAudit() {
		return this.audit;
	}

	/**
	 * The Streamable HTTP transport.
	 */
	public static class StreamableHttp {

		/**
		 * Whether to serve the Streamable HTTP transport.
		 */
		private boolean enabled = true;

		/**
		 * Path of the MCP endpoint, within the servlet context.
		 */
		private String path = "/mcp";

		/**
		 * Whether to serve every POST on its own, without sessions or streams, for instances behind a load balancer without affinity.
		 */
		private boolean stateless = false;

		/**
		 * How many server-to-client messages a session keeps, so that a client that reconnects with Last-Event-ID gets what it missed.
		 */
		private int replayBufferSize = 256;

		/**
		 * Largest JSON-RPC request body accepted; larger ones get 413.
		 */
		private DataSize maxRequestSize = DataSize.ofMegabytes(4);

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public String getPath() {
			return this.path;
		}

		public void setPath(String path) {
			this.path = path;
		}

		public boolean isStateless() {
			return this.stateless;
		}

		public void setStateless(boolean stateless) {
			this.stateless = stateless;
		}

		public int getReplayBufferSize() {
			return this.replayBufferSize;
		}

		public void setReplayBufferSize(int replayBufferSize) {
			this.replayBufferSize = replayBufferSize;
		}

		public DataSize getMaxRequestSize() {
			return this.maxRequestSize;
		}

		public void setMaxRequestSize(DataSize maxRequestSize) {
			this.maxRequestSize = maxRequestSize;
		}

	}

	/**
	 * The legacy HTTP+SSE transport (MCP 2024-11-05).
	 */
	public static class Sse {

		/**
		 * Whether to serve the legacy HTTP+SSE transport beside Streamable HTTP.
		 */
		private boolean enabled = true;

		/**
		 * Path of the SSE stream, within the servlet context.
		 */
		private String path = "/sse";

		/**
		 * Path clients POST their messages to, within the servlet context.
		 */
		private String messagePath = "/sse/message";

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public String getPath() {
			return this.path;
		}

		public void setPath(String path) {
			this.path = path;
		}

		public String getMessagePath() {
			return this.messagePath;
		}

		public void setMessagePath(String messagePath) {
			this.messagePath = messagePath;
		}

	}

	/**
	 * Client sessions.
	 */
	public static class Session {

		/**
		 * How long a session may go unused before it ends.
		 */
		private Duration idleTimeout = Duration.ofMinutes(30);

		/**
		 * Most sessions held at once; initialize fails with an error beyond it.
		 */
		private int maxSessions = 10_000;

		/**
		 * How often open streams get a keep-alive comment, which also finds clients that have gone.
		 */
		private Duration keepAliveInterval = Duration.ofSeconds(15);

		/**
		 * Most sessions one principal (token issuer and subject) holds at once; initialize beyond it gets 429.
		 */
		private int maxSessionsPerPrincipal = 32;

		/**
		 * Most server-to-client streams one principal (token issuer and subject) holds open at once; beyond it 429.
		 */
		private int maxStreamsPerPrincipal = 16;

		/**
		 * Most messages waiting for a client that reads its stream slowly; one more closes the stream.
		 */
		private int maxStreamBacklog = 512;

		/**
		 * Most bytes waiting for a client that reads its stream slowly; more closes the stream.
		 */
		private DataSize maxStreamBacklogSize = DataSize.ofMegabytes(8);

		/**
		 * Where legacy sessions live: in this instance's memory, or in Redis, shared by a fleet of
		 * instances behind a load balancer with no sticky sessions (needs Spring Data Redis and
		 * spring.data.redis.*). Modern (2026-07-28) requests need neither.
		 */
		private Store store = Store.MEMORY;

		/**
		 * The prefix of every Redis key and channel of the starter, with store=redis.
		 */
		private String redisKeyPrefix = "mcp:";

		public Store getStore() {
			return this.store;
		}

		public void setStore(Store store) {
			this.store = store;
		}

		public String getRedisKeyPrefix() {
			return this.redisKeyPrefix;
		}

		public void setRedisKeyPrefix(String redisKeyPrefix) {
			this.redisKeyPrefix = redisKeyPrefix;
		}

		/** Where legacy sessions live. */
		public enum Store {

			/** This instance's memory: one instance, or a fleet with sticky sessions. */
			MEMORY,

			/** Redis: any instance serves any session. */
			REDIS

		}

		public int getMaxSessionsPerPrincipal() {
			return this.maxSessionsPerPrincipal;
		}

		public void setMaxSessionsPerPrincipal(int maxSessionsPerPrincipal) {
			this.maxSessionsPerPrincipal = maxSessionsPerPrincipal;
		}

		public int getMaxStreamsPerPrincipal() {
			return this.maxStreamsPerPrincipal;
		}

		public void setMaxStreamsPerPrincipal(int maxStreamsPerPrincipal) {
			this.maxStreamsPerPrincipal = maxStreamsPerPrincipal;
		}

		public int getMaxStreamBacklog() {
			return this.maxStreamBacklog;
		}

		public void setMaxStreamBacklog(int maxStreamBacklog) {
			this.maxStreamBacklog = maxStreamBacklog;
		}

		public DataSize getMaxStreamBacklogSize() {
			return this.maxStreamBacklogSize;
		}

		public void setMaxStreamBacklogSize(DataSize maxStreamBacklogSize) {
			this.maxStreamBacklogSize = maxStreamBacklogSize;
		}

		public Duration getIdleTimeout() {
			return this.idleTimeout;
		}

		public void setIdleTimeout(Duration idleTimeout) {
			this.idleTimeout = idleTimeout;
		}

		public int getMaxSessions() {
			return this.maxSessions;
		}

		public void setMaxSessions(int maxSessions) {
			this.maxSessions = maxSessions;
		}

		public Duration getKeepAliveInterval() {
			return this.keepAliveInterval;
		}

		public void setKeepAliveInterval(Duration keepAliveInterval) {
			this.keepAliveInterval = keepAliveInterval;
		}

	}

	/**
	 * The published tools.
	 */
	public static class Tools {

		/**
		 * Most tools on one page of tools/list.
		 */
		private int pageSize = 100;

		/**
		 * Whether a cancelled tool call also interrupts the thread running it, which closes any InterruptibleChannel the endpoint uses. Off: the endpoint sees the cancellation through ToolProgress.isCancelled().
		 */
		private boolean interruptOnCancel = false;

		public boolean isInterruptOnCancel() {
			return this.interruptOnCancel;
		}

		public void setInterruptOnCancel(boolean interruptOnCancel) {
			this.interruptOnCancel = interruptOnCancel;
		}

		public int getPageSize() {
			return this.pageSize;
		}

		public void setPageSize(int pageSize) {
			this.pageSize = pageSize;
		}

		/**
		 * Largest response body a tool call holds; a larger one is answered with a tool error naming this limit.
		 */
		private DataSize maxResponseSize = DataSize.ofMegabytes(4);

		/**
		 * How long a client of MCP 2026-07-28 may reuse a tools/list or server/discover result (its ttlMs). Zero: ask again every time.
		 */
		private Duration cacheTtl = Duration.ofMinutes(1);

		public Duration getCacheTtl() {
			return this.cacheTtl;
		}

		public void setCacheTtl(Duration cacheTtl) {
			this.cacheTtl = cacheTtl;
		}

		public DataSize getMaxResponseSize() {
			return this.maxResponseSize;
		}

		public void setMaxResponseSize(DataSize maxResponseSize) {
			this.maxResponseSize = maxResponseSize;
		}

		/**
		 * Whether every destructive tool (a DELETE endpoint, or @McpTool(destructive = TRUE)) asks the user to confirm each call before it runs, unless its @McpTool(confirm = FALSE) says otherwise.
		 */
		private boolean confirmDestructive = false;

		/**
		 * Whether a tool that needs confirmation runs anyway for a client that cannot ask its user (no elicitation capability). Off: such a call is refused, and nothing is done.
		 */
		private boolean runUnconfirmed = false;

		public boolean isConfirmDestructive() {
			return this.confirmDestructive;
		}

		public void setConfirmDestructive(boolean confirmDestructive) {
			this.confirmDestructive = confirmDestructive;
		}

		public boolean isRunUnconfirmed() {
			return this.runUnconfirmed;
		}

		public void setRunUnconfirmed(boolean runUnconfirmed) {
			this.runUnconfirmed = runUnconfirmed;
		}

	}

	/**
	 * How endpoints ask the client for input (ClientInput) and confirmations.
	 */
	public static class Input {

		/**
		 * How long a call of MCP 2025-11-25 waits for the client's answer (a user may be reading); then it goes on without one.
		 */
		private Duration timeout = Duration.ofMinutes(5);

		/**
		 * Most requests to its clients one principal may have waiting for an answer, over all its sessions (each holds a request thread while it waits).
		 */
		private int maxPendingPerPrincipal = 8;

		/**
		 * The key that signs the requestState of MCP 2026-07-28 (HMAC-SHA256), base64, at least 32 bytes. Every instance behind one load balancer needs the same. Unset: a random key for this instance, with a warning at startup.
		 */
		private @Nullable String requestStateKey;

		/**
		 * How long a requestState may be sent back; each is used at most once.
		 */
		private Duration requestStateTtl = Duration.ofMinutes(10);

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

		public int getMaxPendingPerPrincipal() {
			return this.maxPendingPerPrincipal;
		}

		public void setMaxPendingPerPrincipal(int maxPendingPerPrincipal) {
			this.maxPendingPerPrincipal = maxPendingPerPrincipal;
		}

		public @Nullable String getRequestStateKey() {
			return this.requestStateKey;
		}

		public void setRequestStateKey(@Nullable String requestStateKey) {
			this.requestStateKey = requestStateKey;
		}

		public Duration getRequestStateTtl() {
			return this.requestStateTtl;
		}

		public void setRequestStateTtl(Duration requestStateTtl) {
			this.requestStateTtl = requestStateTtl;
		}

	}

	/**
	 * The published resources (@McpResource).
	 */
	public static class Resources {

		/**
		 * Scheme of the URI of an @McpResource that sets none: its mapping's path under this scheme, so GET /orders/{id} is resource://orders/{id}.
		 */
		private String uriScheme = "resource";

		public String getUriScheme() {
			return this.uriScheme;
		}

		public void setUriScheme(String uriScheme) {
			this.uriScheme = uriScheme;
		}

	}

	/**
	 * Protection of the MCP endpoints.
	 */
	public static class Security {

		/**
		 * Browser origins allowed to call the MCP endpoints ("*" for any). Empty allows loopback origins only. Requests without an Origin header are not affected.
		 */
		private List<String> allowedOrigins = new ArrayList<>();

		/**
		 * Whether the MCP endpoints may run without authentication when no OAuth2 resource server is configured. Only for local experiments: anyone who reaches the server can call every tool. Logs a warning at startup.
		 */
		private boolean allowUnauthenticated = false;

		/**
		 * Audiences accepted in tokens besides this server's own URLs (its base URL and its MCP endpoints), such as an API identifier the issuer puts in aud.
		 */
		private List<String> audiences = new ArrayList<>();

		/**
		 * Scopes every MCP request needs, asked for in 401 challenges. Empty: any valid token for this server, and challenges ask for the tools' scopes.
		 */
		private List<String> scopes = new ArrayList<>();

		/**
		 * Authorization servers advertised in the protected resource metadata. Defaults to spring.security.oauth2.resourceserver.jwt.issuer-uri.
		 */
		private List<String> authorizationServers = new ArrayList<>();

		/**
		 * By role (as hasRole names it, without ROLE_), the scopes a client asks its issuer for to
		 * be granted that role, advertised in 401 challenges and in the resource metadata.
		 */
		private Map<String, List<String>> roleScopes = new LinkedHashMap<>();

		/**
		 * Whether a tool call reuses the MCP endpoint's verification of the caller's token when the application's chain authenticates it again, rather than checking its signature twice. Makes final JwtDecoder beans (NimbusJwtDecoder, SupplierJwtDecoder) injectable as JwtDecoder only.
		 */
		private boolean reuseVerifiedToken = true;

		public boolean isReuseVerifiedToken() {
			return this.reuseVerifiedToken;
		}

		public void setReuseVerifiedToken(boolean reuseVerifiedToken) {
			this.reuseVerifiedToken = reuseVerifiedToken;
		}

		public Map<String, List<String>> getRoleScopes() {
			return this.roleScopes;
		}

		public void setRoleScopes(Map<String, List<String>> roleScopes) {
			this.roleScopes = roleScopes;
		}

		public List<String> getAllowedOrigins() {
			return this.allowedOrigins;
		}

		public void setAllowedOrigins(List<String> allowedOrigins) {
			this.allowedOrigins = allowedOrigins;
		}

		public boolean isAllowUnauthenticated() {
			return this.allowUnauthenticated;
		}

		public void setAllowUnauthenticated(boolean allowUnauthenticated) {
			this.allowUnauthenticated = allowUnauthenticated;
		}

		public List<String> getAudiences() {
			return this.audiences;
		}

		public void setAudiences(List<String> audiences) {
			this.audiences = audiences;
		}

		public List<String> getScopes() {
			return this.scopes;
		}

		public void setScopes(List<String> scopes) {
			this.scopes = scopes;
		}

		public List<String> getAuthorizationServers() {
			return this.authorizationServers;
		}

		public void setAuthorizationServers(List<String> authorizationServers) {
			this.authorizationServers = authorizationServers;
		}

	}

	/**
	 * The audit log: one line per tool call on the logger io.github.mcpstarter.audit.
	 */
	public static class Audit {

		/**
		 * Whether to write a line per tool call to the logger io.github.mcpstarter.audit.
		 */
		private boolean enabled = true;

		/**
		 * Whether the audit lines include the call's arguments (values of redacted-fields masked). They may hold personal data: off unless you opt in.
		 */
		private boolean logArguments = false;

		/**
		 * Argument fields, at any depth, whose values the audit log masks as *** when log-arguments is on, besides those always masked (password, secret, token, apiKey, authorization, credential(s), cookie, creditCard, cardNumber, cvv, ssn). A field is masked when its name, lower-cased and without _ - . and spaces, ends with one of these.
		 */
		private List<String> redactedFields = new ArrayList<>();

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public boolean isLogArguments() {
			return this.logArguments;
		}

		public void setLogArguments(boolean logArguments) {
			this.logArguments = logArguments;
		}

		public List<String> getRedactedFields() {
			return this.redactedFields;
		}

		public void setRedactedFields(List<String> redactedFields) {
			this.redactedFields = redactedFields;
		}

	}

}
