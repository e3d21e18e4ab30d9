package io.github.mcpstarter.transport;

import java.util.List;

/**
 * The server-to-client events of legacy Streamable HTTP sessions, kept where every instance of a
 * fleet reads them, so that a client reconnecting with {@code Last-Event-ID} to another instance
 * gets what it missed. Each session keeps a bounded number of events, and loses them when it ends.
 * One instance alone keeps them in each session's stream instead.
 *
 * @since 0.3.0
 */
public interface SessionEventLog {

	/**
	 * Appends an event to a session's log, dropping its oldest past the log's capacity.
	 * @param sessionId the session
	 * @param data the event's data (a JSON-RPC message), empty for a stream's priming event
	 * @return the event's id: greater than every earlier id of the session
	 */
	long append(String sessionId, byte[] data);

	/**
	 * The events of a session after an id, oldest first.
	 * @param sessionId the session
	 * @param lastEventId the id after which to read
	 */
	List<Event> after(String sessionId, long lastEventId);

	/** Forgets a session's events, when it ends. */
	void delete(String sessionId);

	/** One event: its id and data. */
	record Event(long id, byte[] data) {
	}

}
