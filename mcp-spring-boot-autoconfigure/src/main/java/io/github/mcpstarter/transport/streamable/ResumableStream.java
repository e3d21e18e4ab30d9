package io.github.mcpstarter.transport.streamable;

import java.util.ArrayDeque;
import java.util.Deque;

import org.jspecify.annotations.Nullable;

import io.github.mcpstarter.protocol.JsonRpcCodec;
import io.github.mcpstarter.protocol.JsonRpcMessage;
import io.github.mcpstarter.protocol.McpMessageSink;
import io.github.mcpstarter.transport.SseStream;

/**
 * A session's server-to-client stream on the Streamable HTTP transport, which survives the
 * connection that carries it.
 *
 * <p>Every message gets the next event id of the session and a place in a bounded replay buffer;
 * it is written to the GET stream when one is connected. A client that reconnects with
 * {@code Last-Event-ID} gets every buffered message after that id, in order, then the live ones:
 * nothing lost (within the buffer) and nothing repeated.
 *
 * @see <a href="https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#resumability-and-redelivery">Resumability</a>
 */
final class ResumableStream implements SessionStream {

	private static final byte[] EMPTY = new byte[0];

	private final JsonRpcCodec codec;

	private final int capacity;

	private final long retryMillis;

	private final Deque<Event> buffer = new ArrayDeque<>();

	private long lastId;

	private @Nullable SseStream current;

	/**
	 * @param codec writes the messages
	 * @param capacity how many messages the replay buffer keeps
	 * @param retryMillis the reconnection delay announced to clients
	 */
	ResumableStream(JsonRpcCodec codec, int capacity, long retryMillis) {
		this.codec = codec;
		this.capacity = capacity;
		this.retryMillis = retryMillis;
	}

	@Override
	public boolean send(JsonRpcMessage message) {
		byte[] data = this.codec.toBytes(message);
		SseStream stream;
		boolean queued = false;
		synchronized (this) {
			Event event = new Event(++this.lastId, data);
			this.buffer.addLast(event);
			if (this.buffer.size() > this.capacity) {
				this.buffer.removeFirst();
			}
			stream = this.current;
			// Queued under the lock, so that events reach the stream in id order; written after it.
			if (stream != null) {
				queued = stream.offer(Long.toString(event.id()), "message", data, -1);
				if (!queued) {
					this.current = null;
				}
			}
		}
		if (stream != null) {
			if (queued) {
				stream.drain();
			}
			else {
				// Fallen behind or gone: the client resumes from the buffer when it reconnects.
				stream.close();
			}
		}
		return true;
	}

	/**
	 * Makes a newly opened GET stream the one that carries this session's messages: for a
	 * reconnecting client what it missed, then a priming event (an id, empty data, the retry
	 * delay) that gives the client a point to resume from. A stream already connected is closed:
	 * each message goes on one stream only.
	 * @param stream the new stream
	 * @param lastEventId the {@code Last-Event-ID} the client sent, or {@code null}
	 */
	@Override
	public void connect(SseStream stream, @Nullable Long lastEventId) {
		SseStream previous;
		boolean queued = true;
		synchronized (this) {
			previous = this.current;
			this.current = null;
			if (lastEventId != null) {
				for (Event event : this.buffer) {
					if (event.id() > lastEventId && !stream.offer(Long.toString(event.id()), "message", event.data(), -1)) {
						queued = false;
						break;
					}
				}
			}
			// The priming event gets an id of its own: ids are unique within the session.
			if (queued && stream.offer(Long.toString(++this.lastId), null, EMPTY, this.retryMillis)) {
				this.current = stream;
			}
			else {
				queued = false;
			}
		}
		// Closing and writing happen outside the lock: a close callback comes back to disconnect.
		if (previous != null) {
			previous.close();
		}
		if (queued) {
			stream.drain();
		}
		else {
			stream.close();
		}
	}

	/** Forgets a stream that has closed, if it is the current one. */
	@Override
	public synchronized void disconnect(SseStream stream) {
		if (this.current == stream) {
			this.current = null;
		}
	}

	/** Closes the connected stream, when the session ends. */
	@Override
	public void close() {
		SseStream stream;
		synchronized (this) {
			stream = this.current;
			this.current = null;
		}
		if (stream != null) {
			stream.close();
		}
	}

	private record Event(long id, byte[] data) {
	}

}
