package io.github.mcpstarter.transport.streamable;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import io.github.mcpstarter.protocol.Implementation;
import io.github.mcpstarter.protocol.JsonRpcCodec;
import io.github.mcpstarter.protocol.LiveSessions;
import io.github.mcpstarter.protocol.McpSession;
import io.github.mcpstarter.protocol.McpSessionStore;
import io.github.mcpstarter.protocol.TransportContext;
import io.github.mcpstarter.transport.HttpMessages;
import io.github.mcpstarter.transport.McpHttpHeaders;

/**
 * How the Streamable HTTP transport keeps legacy-era sessions: it opens one at each
 * {@code initialize} and serves what names it (the default), or keeps none at all (stateless mode),
 * serving every legacy request on its own. The modern era needs neither: it never has a session.
 */
abstract sealed class LegacySessions {

	/** The one decision stateless mode makes, taken once. */
	static LegacySessions of(boolean stateless, McpSessionStore store, LiveSessions live, JsonRpcCodec codec,
			int replayBufferSize, long retryMillis) {
		return stateless ? new None() : new Kept(store, live, codec, replayBufferSize, retryMillis);
	}

	/** Whether requests that name no session are served (without one). */
	abstract boolean servesWithoutSession();

	/** Whether there are session streams to open (GET) and sessions to end (DELETE). */
	abstract boolean hasSessions();

	/**
	 * The session a request names, served only to the caller that opened it.
	 * @return the session, or {@code null} when the request names none
	 * @throws UnknownSessionException when it names one that does not exist for this caller
	 */
	abstract @Nullable McpSession named(HttpServletRequest request);

	/** Opens a session for an {@code initialize}, or none. */
	abstract @Nullable McpSession open(HttpServletRequest request, String protocolVersion,
			@Nullable Implementation clientInfo);

	/** Sessions kept in the store, each with a resumable stream. */
	static final class Kept extends LegacySessions {

		private final McpSessionStore store;

		private final LiveSessions live;

		private final JsonRpcCodec codec;

		private final int replayBufferSize;

		private final long retryMillis;

		Kept(McpSessionStore store, LiveSessions live, JsonRpcCodec codec, int replayBufferSize, long retryMillis) {
			this.store = store;
			this.live = live;
			this.codec = codec;
			this.replayBufferSize = replayBufferSize;
			this.retryMillis = retryMillis;
		}

		@Override
		boolean servesWithoutSession() {
			return false;
		}

		@Override
		boolean hasSessions() {
			return true;
		}

		@Override
		@Nullable McpSession named(HttpServletRequest request) {
			String sessionId = request.getHeader(McpHttpHeaders.SESSION_ID);
			if (sessionId == null || sessionId.isBlank()) {
				return null;
			}
			McpSession session = this.store.find(sessionId);
			// A session is served only to the principal that opened it; to anyone else it does not exist.
			if (session == null || !HttpMessages.isOwner(session, TransportContext.STREAMABLE_HTTP, request)) {
				throw new UnknownSessionException();
			}
			return session;
		}

		@Override
		McpSession open(HttpServletRequest request, String protocolVersion, @Nullable Implementation clientInfo) {
			McpSession opened = this.store.create(HttpMessages.sessionOwner(request), TransportContext.STREAMABLE_HTTP,
					protocolVersion, clientInfo);
			ResumableStream stream = new ResumableStream(this.codec, this.replayBufferSize, this.retryMillis);
			this.live.attach(opened, stream);
			this.live.onEnd(opened, stream::close);
			return opened;
		}

	}

	/** Stateless mode: no session is opened, named or needed. */
	static final class None extends LegacySessions {

		@Override
		boolean servesWithoutSession() {
			return true;
		}

		@Override
		boolean hasSessions() {
			return false;
		}

		@Override
		@Nullable McpSession named(HttpServletRequest request) {
			return null;
		}

		@Override
		@Nullable McpSession open(HttpServletRequest request, String protocolVersion, @Nullable Implementation clientInfo) {
			return null;
		}

	}

	/** A request names a session that does not exist, or not for this caller: 404, start over. */
	static final class UnknownSessionException extends RuntimeException {

		UnknownSessionException() {
			super("Session not found", null, false, false);
		}

	}

}
