package io.github.mcpstarter.protocol;

/**
 * The MCP method names this server knows, grouped by feature.
 */
public final class McpMethods {

	// Lifecycle
	public static final String INITIALIZE = "initialize";

	public static final String NOTIFICATION_INITIALIZED = "notifications/initialized";

	public static final String PING = "ping";

	// Tools
	public static final String TOOLS_LIST = "tools/list";

	public static final String TOOLS_CALL = "tools/call";

	// Logging
	public static final String LOGGING_SET_LEVEL = "logging/setLevel";

	// Utilities
	public static final String NOTIFICATION_CANCELLED = "notifications/cancelled";

	public static final String NOTIFICATION_PROGRESS = "notifications/progress";

	public static final String NOTIFICATION_MESSAGE = "notifications/message";

	public static final String NOTIFICATION_TOOLS_LIST_CHANGED = "notifications/tools/list_changed";

	private McpMethods() {
	}

}
