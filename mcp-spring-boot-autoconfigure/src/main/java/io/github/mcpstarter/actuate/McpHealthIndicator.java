package io.github.mcpstarter.actuate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

import io.github.mcpstarter.protocol.McpSessionStore;
import io.github.mcpstarter.protocol.ToolRegistry;
import io.github.mcpstarter.transport.OpenStreams;

/**
 * The health of the MCP subsystem ({@code mcp} under {@code /actuator/health}): up, with the number
 * of published tools and the live sessions and open streams per enabled transport; down when the
 * stream maintenance (keep-alives, session expiry) is not running, since sessions would then never
 * expire.
 *
 * @since 0.1.0
 */
public class McpHealthIndicator extends AbstractHealthIndicator {

	private final ToolRegistry tools;

	private final McpSessionStore sessions;

	private final OpenStreams streams;

	private final List<String> transports;

	/**
	 * @param tools the published tools
	 * @param sessions the session store
	 * @param streams the open streams
	 * @param transports the names of the enabled transports
	 */
	public McpHealthIndicator(ToolRegistry tools, McpSessionStore sessions, OpenStreams streams,
			List<String> transports) {
		super("MCP health check failed");
		this.tools = tools;
		this.sessions = sessions;
		this.streams = streams;
		this.transports = List.copyOf(transports);
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		Map<String, Integer> sessions = new LinkedHashMap<>();
		Map<String, Integer> streams = new LinkedHashMap<>();
		for (String transport : this.transports) {
			sessions.put(transport, this.sessions.size(transport));
			streams.put(transport, this.streams.count(transport));
		}
		if (this.streams.isRunning()) {
			builder.up();
		}
		else {
			builder.down().withDetail("reason", "stream maintenance (keep-alives, session expiry) is not running");
		}
		builder.withDetail("tools", this.tools.size()).withDetail("sessions", sessions).withDetail("streams", streams);
	}

}
