package io.github.mcpstarter.observation;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;

import io.github.mcpstarter.protocol.ToolCallOutcome;

/**
 * The convention of the uses of offerings other than tool calls ({@code resources/read},
 * {@code prompts/get}): observation {@value #NAME}, apart from the tool calls' so that neither
 * timer counts the other's, with four low-cardinality tags.
 *
 * <ul>
 * <li>{@code mcp.method}: {@code resources/read}, {@code prompts/get};</li>
 * <li>{@code mcp.offering.name}: the published prompt's name, resource's URI or template's URI
 * template (never a URI the client sent that matched nothing), {@code unknown} otherwise;</li>
 * <li>{@code mcp.transport} and {@code outcome}, as for tool calls.</li>
 * </ul>
 *
 * @since 0.2.0
 */
public class DefaultMcpOperationObservationConvention implements McpToolCallObservationConvention {

	/** The name of the observation, and so of the timer ({@code mcp_server_operations_seconds} in Prometheus). */
	public static final String NAME = "mcp.server.operations";

	/** Tag: the method. */
	public static final String METHOD = "mcp.method";

	/** Tag: the offering's name. */
	public static final String OFFERING_NAME = "mcp.offering.name";

	@Override
	public String getName() {
		return NAME;
	}

	/** {@code resources/read orders://{id}}, the span's name. */
	@Override
	public String getContextualName(McpToolCallObservationContext context) {
		String name = context.getCall().toolName();
		return context.getCall().method() + ((name != null) ? " " + name : "");
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(McpToolCallObservationContext context) {
		String name = context.getCall().toolName();
		ToolCallOutcome outcome = context.getOutcome();
		return KeyValues.of(KeyValue.of(METHOD, context.getCall().method()),
				KeyValue.of(OFFERING_NAME, (name != null) ? name : DefaultMcpToolCallObservationConvention.UNKNOWN),
				KeyValue.of(DefaultMcpToolCallObservationConvention.TRANSPORT, context.getCall().request().transport().name()),
				KeyValue.of(DefaultMcpToolCallObservationConvention.OUTCOME,
						(outcome != null) ? outcome.value() : DefaultMcpToolCallObservationConvention.UNKNOWN));
	}

}
