package io.github.mcpstarter.protocol;

/**
 * The MCP method names this server knows, grouped by feature.
 */
public final class McpMethods {

	// Lifecycle
	public static final String INITIALIZE = "initialize";

	public static final String NOTIFICATION_INITIALIZED = "notifications/initialized";

	public static final String PING = "ping";

	/** The modern era's way to learn a server's versions and capabilities (2026-07-28). */
	public static final String SERVER_DISCOVER = "server/discover";

	/** The modern era's long-lived stream of list changes (2026-07-28). */
	public static final String SUBSCRIPTIONS_LISTEN = "subscriptions/listen";

	public static final String NOTIFICATION_SUBSCRIPTIONS_ACKNOWLEDGED = "notifications/subscriptions/acknowledged";

	// Resources
	public static final String RESOURCES_LIST = "resources/list";

	public static final String RESOURCES_TEMPLATES_LIST = "resources/templates/list";

	public static final String RESOURCES_READ = "resources/read";

	/** The legacy era's subscription to one resource's updates (2025-11-25 and before). */
	public static final String RESOURCES_SUBSCRIBE = "resources/subscribe";

	public static final String RESOURCES_UNSUBSCRIBE = "resources/unsubscribe";

	public static final String NOTIFICATION_RESOURCES_UPDATED = "notifications/resources/updated";

	public static final String NOTIFICATION_RESOURCES_LIST_CHANGED = "notifications/resources/list_changed";

	// Tools
	public static final String TOOLS_LIST = "tools/list";

	public static final String TOOLS_CALL = "tools/call";

	// Prompts
	public static final String PROMPTS_LIST = "prompts/list";

	public static final String PROMPTS_GET = "prompts/get";

	public static final String NOTIFICATION_PROMPTS_LIST_CHANGED = "notifications/prompts/list_changed";

	// Completion
	public static final String COMPLETION_COMPLETE = "completion/complete";

	// Logging
	public static final String LOGGING_SET_LEVEL = "logging/setLevel";

	// Utilities
	public static final String NOTIFICATION_CANCELLED = "notifications/cancelled";

	/** A request to the client: ask its user for input (form or URL mode). */
	public static final String ELICITATION_CREATE = "elicitation/create";

	/** A request to the client: a completion from its model. */
	public static final String SAMPLING_CREATE_MESSAGE = "sampling/createMessage";

	/** A request to the client: the roots it exposes. */
	public static final String ROOTS_LIST = "roots/list";

	public static final String NOTIFICATION_PROGRESS = "notifications/progress";

	public static final String NOTIFICATION_MESSAGE = "notifications/message";

	public static final String NOTIFICATION_TOOLS_LIST_CHANGED = "notifications/tools/list_changed";

	private McpMethods() {
	}

}
