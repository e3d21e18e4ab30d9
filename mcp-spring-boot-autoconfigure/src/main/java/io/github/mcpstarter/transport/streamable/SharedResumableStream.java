package io.github.mcpstarter.transport.streamable;

import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import io.github.mcpstarter.protocol.JsonRpcCodec;
import io.github.mcpstarter.protocol.JsonRpcMessage;
import io.github.mcpstarter.protocol.McpFleet;
import io.github.mcpstarter.transport.SessionEventLog;
import io.github.mcpstarter.transport.SseStream;

/**
 * A legacy session's server-to-client stream in a fleet: its events are in a {@link SessionEventLog}
 * that every instance reads, and its GET stream is on whichever instance the client reached last.
 *
 * <p>Any instance sends by appending to the log, then telling the instance that holds the GET
 * stream ({@link McpFleet#send}); that instance writes what it has not written yet, in id order,
 * from the log. A client that reconnects with {@code Last-Event-ID}, to any instance, gets what
 * it missed from the log: the new holder takes the stream over before it reads the log, and a
 * sender appends before it looks for the holder, so an event is either in what the new holder
 * reads or told to it (both, at worst: it is written once, by id).
 *
 * <p>The log is read and written outside this object's lock; under it only the write queue of the
 * stream is filled, so that events leave in id order.
 */
final class SharedResumableStream implements SessionStream {

	private static final Log logger = LogFactory.getLog(SharedResumableStream.class);

	/** What a sender tells the holder: there is more in the log. */
	private static final byte[] MORE = new byte[0];

	private static final byte[] EMPTY = new byte[0];

	private final String sessionId;

	private final SessionEventLog log;

	private final McpFleet fleet;

	private final JsonRpcCodec codec;

	private final long retryMillis;

	/** Whether this is the session's stream on the instance it began on, which sends it list changes. */
	private final boolean home;

	private @Nullable SseStream current;

	/** The id of the last event written to the current stream. */
	private long lastWritten;

	SharedResumableStream(String sessionId, SessionEventLog log, McpFleet fleet, JsonRpcCodec codec,
			long retryMillis, boolean home) {
		this.home = home;
		this.sessionId = sessionId;
		this.log = log;
		this.fleet = fleet;
		this.codec = codec;
		this.retryMillis = retryMillis;
	}

	@Override
	public boolean send(JsonRpcMessage message) {
		try {
			this.log.append(this.sessionId, this.codec.toBytes(message));
		}
		catch (RuntimeException ex) {
			logger.warn("An MCP message for session " + this.sessionId + " was not sent: the event log did not take it ("
					+ ex.getMessage() + ")");
			return false;
		}
		if (isConnectedHere()) {
			catchUp();
		}
		else {
			// The holder writes it; with no holder, the client reads it from the log when it comes back.
			this.fleet.send(this.sessionId, MORE);
		}
		return true;
	}

	@Override
	public boolean takesBroadcasts() {
		return this.home;
	}

	private synchronized boolean isConnectedHere() {
		return this.current != null;
	}

	/** Writes to the current stream what the log has after the last event written. */
	void catchUp() {
		SseStream stream;
		long from;
		synchronized (this) {
			stream = this.current;
			from = this.lastWritten;
		}
		if (stream == null) {
			return;
		}
		List<SessionEventLog.Event> events;
		try {
			events = this.log.after(this.sessionId, from);
		}
		catch (RuntimeException ex) {
			logger.warn("MCP session " + this.sessionId + ": its event log could not be read (" + ex.getMessage()
					+ "); the client gets the events when it reconnects");
			return;
		}
		write(stream, events, -1);
	}

	/**
	 * Queues the events newer than the last written on the stream, if it is still current; the
	 * priming event ({@code primingId}) with the retry delay, other empty events not at all.
	 */
	private void write(SseStream stream, List<SessionEventLog.Event> events, long primingId) {
		boolean queued = true;
		synchronized (this) {
			if (this.current != stream) {
				return;
			}
			for (SessionEventLog.Event event : events) {
				if (event.id() <= this.lastWritten) {
					continue;
				}
				boolean priming = event.id() == primingId;
				if (event.data().length > 0 || priming) {
					queued = stream.offer(Long.toString(event.id()), priming ? null : "message", event.data(),
							priming ? this.retryMillis : -1);
					if (!queued) {
						this.current = null;
						break;
					}
				}
				this.lastWritten = event.id();
			}
		}
		if (queued) {
			stream.drain();
		}
		else {
			// Fallen behind or gone: the client resumes from the log when it reconnects.
			stream.close();
		}
	}

	@Override
	public void connect(SseStream stream, @Nullable Long lastEventId) {
		// Held first, read second: an event appended meanwhile is read here or told here.
		this.fleet.hold(this.sessionId, (payload) -> catchUp(), this::close);
		long priming = this.log.append(this.sessionId, EMPTY);
		List<SessionEventLog.Event> events = this.log.after(this.sessionId,
				(lastEventId != null) ? lastEventId : priming - 1);
		SseStream previous;
		synchronized (this) {
			previous = this.current;
			this.current = stream;
			this.lastWritten = (lastEventId != null) ? lastEventId : priming - 1;
		}
		if (previous != null) {
			previous.close();
		}
		write(stream, events, priming);
		catchUp();
	}

	@Override
	public void disconnect(SseStream stream) {
		boolean released = false;
		synchronized (this) {
			if (this.current == stream) {
				this.current = null;
				released = true;
			}
		}
		if (released) {
			this.fleet.release(this.sessionId);
		}
	}

	@Override
	public void close() {
		SseStream stream;
		synchronized (this) {
			stream = this.current;
			this.current = null;
		}
		if (stream != null) {
			stream.close();
			// The session ended, or another instance took the stream over: either way not held here.
			this.fleet.release(this.sessionId);
		}
	}

}
