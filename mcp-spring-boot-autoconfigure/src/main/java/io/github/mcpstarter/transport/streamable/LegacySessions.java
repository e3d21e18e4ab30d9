package io.github.mcpstarter.transport.streamable;

import java.util.function.BiFunction;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import io.github.mcpstarter.protocol.Implementation;
import io.github.mcpstarter.protocol.JsonRpcCodec;
import io.github.mcpstarter.protocol.LiveSessions;
import io.github.mcpstarter.protocol.McpFleet;
import io.github.mcpstarter.protocol.McpMessageSink;
import io.github.mcpstarter.protocol.McpSession;
import io.github.mcpstarter.protocol.McpSessionStore;
import io.github.mcpstarter.protocol.TransportContext;
import io.github.mcpstarter.transport.HttpMessages;
import io.github.mcpstarter.transport.McpHttpHeaders;
import io.github.mcpstarter.transport.SessionEventLog;

/**
 * How the Streamable HTTP transport keeps legacy-era sessions: it opens one at each
 * {@code initialize} and serves what names it (the default), or keeps none at all (stateless mode),
 * serving every legacy request on its own. The modern era needs neither: it never has a session.
 */
abstract sealed class LegacySessions {

	/** The one decision stateless mode makes, taken once. */
	static LegacySessions of(boolean stateless, McpSessionStore store, LiveSessions live, JsonRpcCodec codec,
			int replayBufferSize, long retryMillis) {
		return of(stateless, store, live, codec, replayBufferSize, retryMillis, McpFleet.SINGLE, null);
	}

	/**
	 * The same, in a fleet: with an event log every instance reads, each session's stream is a
	 * {@link SharedResumableStream}, on whichever instance the client's GET reached.
	 */
	static LegacySessions of(boolean stateless, McpSessionStore store, LiveSessions live, JsonRpcCodec codec,
			int replayBufferSize, long retryMillis, McpFleet fleet, @Nullable SessionEventLog eventLog) {
		if (stateless) {
			return new None();
		}
		if (eventLog == null || !fleet.isShared()) {
			return new Kept(store, live, (session, home) -> new ResumableStream(codec, replayBufferSize, retryMillis));
		}
		// A session with nothing live on this instance is reached through the log and its holder.
		live.reachRemotely(TransportContext.STREAMABLE_HTTP,
				(session) -> new SharedResumableStream(session.id(), eventLog, fleet, codec, retryMillis, false));
		return new Kept(store, live, (session, home) -> new SharedResumableStream(session.id(), eventLog, fleet, codec,
				retryMillis, home));
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

	/**
	 * The stream of a session, on this instance, for its GET: the one made at its
	 * {@code initialize}, or in a fleet one made here now.
	 */
	abstract @Nullable SessionStream stream(McpSession session);

	/** Sessions kept in the store, each with a resumable stream. */
	static final class Kept extends LegacySessions {

		private final McpSessionStore store;

		private final LiveSessions live;

		/** Makes a session's stream: at its initialize on this instance (home), or for a GET that reached this one. */
		private final BiFunction<McpSession, Boolean, SessionStream> streams;

		Kept(McpSessionStore store, LiveSessions live, BiFunction<McpSession, Boolean, SessionStream> streams) {
			this.store = store;
			this.live = live;
			this.streams = streams;
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
			attach(opened, true);
			return opened;
		}

		@Override
		@Nullable SessionStream stream(McpSession session) {
			return attach(session, false);
		}

		/** The session's stream on this instance, made now if it has none here (a fleet's other instances). */
		private SessionStream attach(McpSession session, boolean home) {
			SessionStream made = this.streams.apply(session, home);
			McpMessageSink attached = this.live.attachIfAbsent(session, () -> made);
			if (attached == made) {
				this.live.onEnd(session, made::close);
			}
			return (attached instanceof SessionStream stream) ? stream : made;
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

		@Override
		@Nullable SessionStream stream(McpSession session) {
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
