package io.github.mcpstarter.protocol;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Runs around every {@code tools/call}, and every other use of an offering ({@code resources/read},
 * {@code prompts/get}), refused ones included: the seam for metrics, traces and the audit log, which
 * the protocol core knows nothing of. {@link ToolCallContext#method()} says which it is.
 *
 * <p>An observer must call {@link Invocation#proceed()} exactly once, on the calling thread (the
 * call runs on it, and whatever the observer makes current there, such as an observation, is
 * current for the endpoint too), and return or rethrow what it gives.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface ToolCallObserver {

	/** Observes nothing. */
	ToolCallObserver NONE = (call, invocation) -> invocation.proceed();

	/**
	 * Runs the call.
	 * @param call the call: method, tool (or other offering), arguments, request context
	 * @param invocation runs the call itself
	 * @return the result of {@code invocation} (a {@link CallToolResult} for a tool call), {@code null}
	 * when the call was cancelled
	 */
	@Nullable Object observe(ToolCallContext call, Invocation invocation);

	/**
	 * Several observers as one, the first outermost.
	 * @param observers the observers, in order
	 */
	static ToolCallObserver of(List<? extends ToolCallObserver> observers) {
		ToolCallObserver composite = NONE;
		for (int i = observers.size() - 1; i >= 0; i--) {
			ToolCallObserver outer = observers.get(i);
			ToolCallObserver inner = composite;
			composite = (call, invocation) -> outer.observe(call, () -> inner.observe(call, invocation));
		}
		return composite;
	}

	/** The call itself. */
	@FunctionalInterface
	interface Invocation {

		/**
		 * Runs the call.
		 * @return the result, or {@code null} when the client cancelled the call
		 * @throws McpProtocolException when the call is refused or malformed
		 */
		@Nullable Object proceed();

	}

}
