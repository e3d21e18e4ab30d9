package io.github.mcpstarter.protocol;

import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One feature of the protocol (tools; resources, prompts and completions are others): the
 * capability it declares, the requests it answers, the same in every era. The {@link McpServer}
 * answers the lifecycle and hands every other request to the feature that names its method; the
 * eras only wrap what the feature returns (a modern result's {@code resultType}, {@code ttlMs}).
 *
 * @since 0.2.0
 */
public interface McpFeature {

	/** Its capability's name in {@code initialize} and {@code server/discover} ({@code tools}). */
	String capability();

	/** Its capability's value ({@code {"listChanged": true}}). */
	Map<String, Object> capabilityValue();

	/** The request methods it answers. */
	Set<String> methods();

	/**
	 * Answers one of its requests.
	 * @param request the request
	 * @param context the session (if any), transport and caller it arrived with
	 * @return the result, or {@code null} when the client cancelled the request, which then gets no
	 * answer
	 * @throws McpProtocolException when the request is refused, with the error to answer
	 */
	@Nullable Object serve(JsonRpcMessage.Request request, McpRequestContext context);

	/**
	 * Whether a method's result is one a modern client may keep for a while ({@code ttlMs},
	 * {@code cacheScope}): a list, a resource's contents.
	 * @param method one of {@link #methods()}
	 */
	default boolean isCacheable(String method) {
		return false;
	}

	/**
	 * How long a modern client may reuse a cacheable result of this method ({@code ttlMs}), when
	 * it is not the server's configured time.
	 * @param method one of {@link #methods()} that {@link #isCacheable(String) is cacheable}
	 * @return the time in milliseconds, or {@code null} for the server's
	 */
	default @Nullable Long cacheTtlMillis(String method) {
		return null;
	}

	/**
	 * Those of {@link #methods()} that only the legacy era has ({@code resources/subscribe}): a
	 * modern request for one is answered as for an unknown method.
	 */
	default Set<String> legacyOnlyMethods() {
		return Set.of();
	}

	/**
	 * What a modern {@code subscriptions/listen} asks for to hear of this feature's changes
	 * ({@code toolsListChanged}).
	 */
	default Set<String> listenFlags() {
		return Set.of();
	}

	/**
	 * Takes part in a modern {@code subscriptions/listen} beyond its {@link #listenFlags() flags}:
	 * reads what the request's filter asks of this feature (such as {@code resourceSubscriptions}),
	 * and writes what it honours into the acknowledgement's filter. Called before the stream opens,
	 * so that a malformed filter is refused with an error instead of a stream.
	 * @param asked the request's {@code notifications} filter
	 * @param context the listen request's context (its caller, for access checks)
	 * @param honoured the acknowledgement's {@code notifications}, to add what is honoured to
	 * @return what sends this feature's notifications on the stream, or {@code null} when the filter
	 * asks nothing of it
	 * @throws McpProtocolException when the filter is malformed
	 */
	default @Nullable Listening listen(JsonNode asked, McpRequestContext context, ObjectNode honoured) {
		return null;
	}

	/**
	 * A feature's part in one open {@code subscriptions/listen} stream.
	 */
	interface Listening {

		/**
		 * Starts sending, once the stream's acknowledgement is sent.
		 * @param stream the stream; every notification sent on it is tagged with the listen
		 * request's {@code subscriptionId}
		 */
		void start(McpMessageSink stream);

		/** Stops sending: the stream is closed. Runs once, after {@link #start} or instead of it. */
		void stop();

	}

	/**
	 * Cancels a request of a legacy session, if it is this feature's and still under way.
	 * @param sessionId the session
	 * @param requestId the request's id
	 */
	default void cancel(String sessionId, Object requestId) {
	}

	/** Makes a feature with what the server gives its features; a bean of this type adds one. */
	@FunctionalInterface
	interface Factory {

		McpFeature create(Support support);

	}

	/** What a feature gets of the server it serves in. */
	interface Support {

		/** Who may see and use which offering. */
		AccessPolicy accessPolicy();

		/** How many items a page of a list holds. */
		int pageSize();

		/** What runs around every tool call, resource read and prompt get. */
		ToolCallObserver observer();

		/** Whether a cancellation interrupts the thread running the request. */
		boolean interruptOnCancel();

		/**
		 * Tells every legacy session with a stream, and every modern listener that asked for it,
		 * of a change.
		 * @param notification the notification's method ({@code notifications/tools/list_changed})
		 * @param listenFlag what a {@code subscriptions/listen} request asks for it by
		 * ({@code toolsListChanged})
		 */
		void notifyListeners(String notification, String listenFlag);

		/**
		 * What this instance holds of its sessions: the stream each one's messages go to, and what
		 * its end must undo here (a feature's per-session state).
		 * @since 0.2.0
		 */
		LiveSessions liveSessions();

		/**
		 * Whether a tool that needs the user's confirmation runs anyway when the client cannot ask
		 * its user; otherwise it is refused, and nothing is done.
		 * @since 0.2.0
		 */
		default boolean runUnconfirmed() {
			return false;
		}

	}

}
