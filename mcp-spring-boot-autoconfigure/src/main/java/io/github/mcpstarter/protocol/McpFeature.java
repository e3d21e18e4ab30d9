package io.github.mcpstarter.protocol;

import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

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

	}

}
