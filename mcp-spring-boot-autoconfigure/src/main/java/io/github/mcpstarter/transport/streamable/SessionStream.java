package io.github.mcpstarter.transport.streamable;

import org.jspecify.annotations.Nullable;

import io.github.mcpstarter.protocol.McpMessageSink;
import io.github.mcpstarter.transport.SseStream;

/**
 * A legacy session's server-to-client stream on the Streamable HTTP transport, which survives the
 * connections that carry it: kept on the one instance ({@link ResumableStream}), or shared by a
 * fleet ({@link SharedResumableStream}).
 */
interface SessionStream extends McpMessageSink {

	/**
	 * Makes a newly opened GET stream the one that carries the session's messages, after what the
	 * client missed since {@code lastEventId}.
	 */
	void connect(SseStream stream, @Nullable Long lastEventId);

	/** Forgets a stream that has closed, if it is the current one. */
	void disconnect(SseStream stream);

	/** Closes the connected stream, when the session ends. */
	void close();

}
