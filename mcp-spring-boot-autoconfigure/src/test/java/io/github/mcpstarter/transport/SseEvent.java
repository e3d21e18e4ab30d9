package io.github.mcpstarter.transport;

import org.jspecify.annotations.Nullable;

/**
 * One server-sent event as a test client sees it.
 *
 * @param id the {@code id:} field, or {@code null} when the event has none
 * @param event the {@code event:} field, or {@code null} for the default type
 * @param data the {@code data:} lines joined with {@code \n}; empty for an event with an empty
 * {@code data:} line
 * @param retry the {@code retry:} field, or {@code null}
 */
public record SseEvent(@Nullable String id, @Nullable String event, String data, @Nullable Long retry) {

	/** A priming event: an id and empty data, which carries no message. */
	public boolean isPriming() {
		return this.data.isEmpty();
	}

	/** The event id as a number; fails when there is none. */
	public long numericId() {
		if (this.id == null) {
			throw new AssertionError("event has no id: " + this);
		}
		return Long.parseLong(this.id);
	}

}
