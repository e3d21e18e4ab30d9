package io.github.mcpstarter.protocol;

import org.jspecify.annotations.Nullable;

/**
 * Where the calls of one request get their input from the client: its era's way of asking
 * ({@link ClientRequests}), bound to the call.
 *
 * @since 0.2.0
 */
@FunctionalInterface
public interface InputSource {

	/** No client to ask. */
	InputSource NONE = (call) -> ClientRequests.NONE;

	/**
	 * How a call asks the client.
	 * @param call the call, or {@code null} when the context is already bound to its call
	 */
	ClientRequests forCall(@Nullable ToolCallContext call);

}
