package io.github.mcpstarter.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * The {@link ObservationConvention} of MCP tool calls. Declare a bean of this type to replace
 * {@link DefaultMcpToolCallObservationConvention}, for example to add tags.
 *
 * @since 0.1.0
 */
public interface McpToolCallObservationConvention extends ObservationConvention<McpToolCallObservationContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof McpToolCallObservationContext;
	}

}
