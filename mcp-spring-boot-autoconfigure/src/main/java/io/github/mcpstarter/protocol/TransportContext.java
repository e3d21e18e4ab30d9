package io.github.mcpstarter.protocol;

import org.jspecify.annotations.Nullable;

/**
 * What the transport knows of the request being served, opaque to the protocol core.
 *
 * <p>A tool handler that runs inside a web framework uses it to reach the native request (for
 * example the servlet request whose security context a call inherits).
 */
@FunctionalInterface
public interface TransportContext {

	/** The name of the Streamable HTTP transport, as metrics, logs and the Actuator endpoint show it. */
	String STREAMABLE_HTTP = "streamable-http";

	/** The name of the legacy HTTP+SSE transport, as metrics, logs and the Actuator endpoint show it. */
	String SSE = "sse";

	/** A context with nothing in it, for calls that arrive without a transport. */
	TransportContext EMPTY = new TransportContext() {
		@Override
		public <T> @Nullable T unwrap(Class<T> type) {
			return null;
		}
	};

	/**
	 * The transport's native object of the given type.
	 * @param type the type wanted, such as {@code HttpServletRequest}
	 * @return the object, or {@code null} when this transport has none of that type
	 */
	<T> @Nullable T unwrap(Class<T> type);

	/**
	 * The name of the transport the request came through ({@link #STREAMABLE_HTTP}, {@link #SSE}),
	 * for metrics and logs.
	 * @since 0.1.0
	 */
	default String name() {
		return "unknown";
	}

	/**
	 * Who sent the request (issuer, subject, client), or {@code null} when it is not authenticated:
	 * what the modern era binds a {@code requestState} to.
	 * @since 0.2.0
	 */
	default @Nullable SessionOwner caller() {
		return null;
	}

}
