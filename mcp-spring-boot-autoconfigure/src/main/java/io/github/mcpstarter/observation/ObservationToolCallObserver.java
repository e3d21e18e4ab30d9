package io.github.mcpstarter.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

import io.github.mcpstarter.protocol.McpMethods;
import io.github.mcpstarter.protocol.McpProtocolException;
import io.github.mcpstarter.protocol.ToolCallContext;
import io.github.mcpstarter.protocol.ToolCallObserver;
import io.github.mcpstarter.protocol.ToolCallOutcome;

/**
 * Makes every tool call, and every other use of an offering (a resource read, a prompt get), a
 * Micrometer {@link Observation}: a timer with Micrometer metrics, a span with Micrometer Tracing.
 *
 * <p>The observation is current on the calling thread while the endpoint runs, so the endpoint's
 * own observations (its {@code http.server.requests}, its database calls) are its children.
 *
 * @since 0.1.0
 */
public class ObservationToolCallObserver implements ToolCallObserver {

	private static final McpToolCallObservationConvention DEFAULT_CONVENTION = new DefaultMcpToolCallObservationConvention();

	private static final McpToolCallObservationConvention OPERATION_CONVENTION = new DefaultMcpOperationObservationConvention();

	private final ObservationRegistry registry;

	private final @Nullable McpToolCallObservationConvention convention;

	/**
	 * @param registry where observations go
	 * @param convention the convention to use instead of the default, or {@code null}
	 */
	public ObservationToolCallObserver(ObservationRegistry registry,
			@Nullable McpToolCallObservationConvention convention) {
		this.registry = registry;
		this.convention = convention;
	}

	@Override
	public @Nullable Object observe(ToolCallContext call, Invocation invocation) {
		if (this.registry.isNoop()) {
			return invocation.proceed();
		}
		McpToolCallObservationContext context = new McpToolCallObservationContext(call);
		// A tool call under the tools' convention (the application's, if it gave one); any other use
		// of an offering (a resource read, a prompt get) under its own, so that no timer mixes them.
		boolean toolCall = McpMethods.TOOLS_CALL.equals(call.method());
		Observation observation = Observation
			.createNotStarted(toolCall ? this.convention : null, toolCall ? DEFAULT_CONVENTION : OPERATION_CONVENTION,
					() -> context, this.registry)
			.start();
		try (Observation.Scope scope = observation.openScope()) {
			Object result = invocation.proceed();
			context.setOutcome(ToolCallOutcome.of(call, result, null));
			return result;
		}
		catch (RuntimeException ex) {
			context.setOutcome(ToolCallOutcome.of(call, null, ex));
			if (!(ex instanceof McpProtocolException)) {
				// A refusal or a malformed call is an answer, not a failure; anything else is a failure.
				observation.error(ex);
			}
			throw ex;
		}
		finally {
			observation.stop();
		}
	}

}
