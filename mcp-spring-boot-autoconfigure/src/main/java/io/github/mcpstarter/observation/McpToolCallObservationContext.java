package io.github.mcpstarter.observation;

import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

import io.github.mcpstarter.protocol.ToolCallContext;
import io.github.mcpstarter.protocol.ToolCallOutcome;

/**
 * The observation context of one {@code tools/call}: the call, and once it has ended, its outcome.
 *
 * @since 0.1.0
 */
public class McpToolCallObservationContext extends Observation.Context {

	private final ToolCallContext call;

	private @Nullable ToolCallOutcome outcome;

	public McpToolCallObservationContext(ToolCallContext call) {
		this.call = call;
	}

	/** The call: tool name, arguments, request context. */
	public ToolCallContext getCall() {
		return this.call;
	}

	/** How the call ended, or {@code null} while it runs. */
	public @Nullable ToolCallOutcome getOutcome() {
		return this.outcome;
	}

	public void setOutcome(ToolCallOutcome outcome) {
		this.outcome = outcome;
	}

}
