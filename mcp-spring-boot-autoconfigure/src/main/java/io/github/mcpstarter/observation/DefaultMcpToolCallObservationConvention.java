package io.github.mcpstarter.observation;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;

import io.github.mcpstarter.protocol.ToolCallOutcome;

/**
 * The default convention of MCP tool calls: observation {@value #NAME}, with three
 * low-cardinality tags, so the timer stays small however many calls there are.
 *
 * <ul>
 * <li>{@code mcp.tool.name}: the published tool's name, {@code unknown} when the client named none
 * (a name the client made up never becomes a tag value);</li>
 * <li>{@code mcp.transport}: {@code streamable-http} or {@code sse};</li>
 * <li>{@code outcome}: {@code success}, {@code tool_error}, {@code protocol_error}, {@code denied}
 * or {@code cancelled} (see {@link ToolCallOutcome}).</li>
 * </ul>
 * Nothing of the caller, the session or the arguments is tagged: those are for the audit log.
 *
 * @since 0.1.0
 */
public class DefaultMcpToolCallObservationConvention implements McpToolCallObservationConvention {

	/** The name of the observation, and so of the timer ({@code mcp_server_tool_calls_seconds} in Prometheus). */
	public static final String NAME = "mcp.server.tool.calls";

	/** Tag: the tool's name. */
	public static final String TOOL_NAME = "mcp.tool.name";

	/** Tag: the transport's name. */
	public static final String TRANSPORT = "mcp.transport";

	/** Tag: how the call ended. */
	public static final String OUTCOME = "outcome";

	/** The value of a tag that is not known (yet). */
	public static final String UNKNOWN = "unknown";

	@Override
	public String getName() {
		return NAME;
	}

	/** {@code tools/call <tool>}, the span's name. */
	@Override
	public String getContextualName(McpToolCallObservationContext context) {
		String tool = context.getCall().toolName();
		return "tools/call" + ((tool != null) ? " " + tool : "");
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(McpToolCallObservationContext context) {
		String tool = context.getCall().toolName();
		ToolCallOutcome outcome = context.getOutcome();
		return KeyValues.of(KeyValue.of(TOOL_NAME, (tool != null) ? tool : UNKNOWN),
				KeyValue.of(TRANSPORT, context.getCall().request().transport().name()),
				KeyValue.of(OUTCOME, (outcome != null) ? outcome.value() : UNKNOWN));
	}

}
