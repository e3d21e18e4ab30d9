package io.github.mcpstarter.protocol;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The legacy era's way of asking: each request goes to the client over its session (the call's
 * own SSE response when it has one, else the session's stream) and the call waits, up to a
 * timeout, for the client's response, which arrives as a message of its own. Only this session's
 * client is waited for, and the call ends its wait when it is cancelled.
 */
final class SessionClientRequests implements ClientRequests, InputSource {

	private static final Log logger = LogFactory.getLog(SessionClientRequests.class);

	private final PendingClientRequests pending;

	private final McpSession session;

	private final McpMessageSink callStream;

	private final LiveSessions liveSessions;

	private final Duration timeout;

	SessionClientRequests(PendingClientRequests pending, McpSession session, LiveSessions liveSessions,
			McpMessageSink callStream, Duration timeout) {
		this.pending = pending;
		this.liveSessions = liveSessions;
		this.session = session;
		this.callStream = callStream;
		this.timeout = timeout;
	}

	@Override
	public ClientRequests forCall(@Nullable ToolCallContext call) {
		return (call != null) ? new ForCall(call) : this;
	}

	@Override
	public boolean supports(InputRequest request) {
		return ClientAnswers.declares(this.session.clientCapabilities(), request);
	}

	@Override
	public Map<String, JsonNode> ask(List<InputRequest> requests) {
		return ask(requests, null);
	}

	private Map<String, JsonNode> ask(List<InputRequest> requests, @Nullable ToolCallContext call) {
		List<InputRequest> asked = new ArrayList<>();
		List<PendingClientRequests.Pending> sent = new ArrayList<>();
		Map<String, JsonNode> answers = new LinkedHashMap<>();
		try {
			for (InputRequest request : requests) {
				if (!supports(request) || (call != null && call.isCancelled())) {
					continue;
				}
				PendingClientRequests.Pending registered = this.pending.register(this.session);
				JsonRpcMessage.Request message = new JsonRpcMessage.Request(registered.id(), request.method(),
						request.params());
				if (this.callStream.send(message) || this.liveSessions.outbound(this.session).send(message)) {
					asked.add(request);
					sent.add(registered);
				}
				else {
					this.pending.remove(registered);
				}
			}
			if (call != null && !sent.isEmpty()) {
				call.onCancel(() -> sent.forEach((request) -> request.answer().cancel(false)));
			}
			long deadline = System.nanoTime() + this.timeout.toNanos();
			for (int i = 0; i < sent.size(); i++) {
				JsonNode answer = await(sent.get(i), deadline);
				if (answer != null) {
					String problem = ClientAnswers.problem(asked.get(i), answer);
					if (problem == null) {
						answers.put(asked.get(i).key(), answer);
					}
					else if (logger.isDebugEnabled()) {
						logger.debug("MCP client's answer to " + asked.get(i).method() + " is no use: it " + problem);
					}
				}
			}
			return answers;
		}
		finally {
			sent.forEach(this.pending::remove);
		}
	}

	/** The client's result, or {@code null} for an error, a cancelled call or no answer in time. */
	private @Nullable JsonNode await(PendingClientRequests.Pending request, long deadline) {
		try {
			JsonRpcMessage.Response response = request.answer()
				.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
			return (response.error() == null && response.result() instanceof JsonNode result) ? result : null;
		}
		catch (TimeoutException ex) {
			// The client is told the server no longer waits, so that it can close its dialog.
			ObjectNode params = JsonNodeFactory.instance.objectNode();
			params.put("requestId", request.id());
			params.put("reason", "No answer within " + this.timeout.toSeconds() + " s");
			JsonRpcMessage.Notification cancelled = new JsonRpcMessage.Notification(McpMethods.NOTIFICATION_CANCELLED,
					params);
			if (!this.callStream.send(cancelled)) {
				this.liveSessions.outbound(this.session).send(cancelled);
			}
			return null;
		}
		catch (CancellationException ex) {
			return null;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return null;
		}
		catch (ExecutionException ex) {
			return null;
		}
	}

	/** The same, for one call: its cancellation ends the wait. */
	private final class ForCall implements ClientRequests {

		private final ToolCallContext call;

		private volatile @Nullable RuntimeException interruption;

		ForCall(ToolCallContext call) {
			this.call = call;
		}

		@Override
		public boolean supports(InputRequest request) {
			return SessionClientRequests.this.supports(request);
		}

		@Override
		public Map<String, JsonNode> ask(List<InputRequest> requests) {
			try {
				return SessionClientRequests.this.ask(requests, this.call);
			}
			catch (McpProtocolException ex) {
				// Recorded, so that the call ends with it whatever the endpoint makes of it.
				this.interruption = ex;
				throw ex;
			}
		}

		@Override
		public @Nullable RuntimeException interruption() {
			return this.interruption;
		}

	}

}
