package io.github.mcpstarter.observation;

import java.util.List;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import io.github.mcpstarter.protocol.McpSessionStore;
import io.github.mcpstarter.transport.OpenStreams;

/**
 * Gauges of each enabled transport, tagged {@code mcp.transport}:
 *
 * <ul>
 * <li>{@value #SESSIONS}: live sessions (a session store of your own counts them only if it records
 * their transport: {@link McpSessionStore#size(String)});</li>
 * <li>{@value #STREAMS}: open server-to-client SSE streams (the Streamable HTTP GET stream, the
 * legacy transport's stream).</li>
 * </ul>
 *
 * @since 0.1.0
 */
public class McpTransportMetrics implements MeterBinder {

	/** Gauge: live sessions per transport. */
	public static final String SESSIONS = "mcp.server.sessions";

	/** Gauge: open streams per transport. */
	public static final String STREAMS = "mcp.server.streams";

	private final McpSessionStore sessions;

	private final OpenStreams streams;

	private final List<String> transports;

	/**
	 * @param sessions the session store
	 * @param streams the open streams
	 * @param transports the names of the enabled transports
	 */
	public McpTransportMetrics(McpSessionStore sessions, OpenStreams streams, List<String> transports) {
		this.sessions = sessions;
		this.streams = streams;
		this.transports = List.copyOf(transports);
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		for (String transport : this.transports) {
			Gauge.builder(SESSIONS, () -> this.sessions.size(transport))
				.tag(DefaultMcpToolCallObservationConvention.TRANSPORT, transport)
				.description("Live MCP sessions")
				.baseUnit("sessions")
				.register(registry);
			Gauge.builder(STREAMS, () -> this.streams.count(transport))
				.tag(DefaultMcpToolCallObservationConvention.TRANSPORT, transport)
				.description("Open MCP server-to-client streams")
				.baseUnit("streams")
				.register(registry);
		}
	}

}
