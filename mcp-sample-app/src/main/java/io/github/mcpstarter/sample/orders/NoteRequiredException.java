package io.github.mcpstarter.sample.orders;

import java.util.Map;

import io.github.mcpstarter.sample.common.DomainException;

import org.springframework.http.HttpStatus;

/** A note was to be set, but none was given, nor could the user be asked for one: 400. */
public class NoteRequiredException extends DomainException {

	public NoteRequiredException(long id, String why) {
		super(HttpStatus.BAD_REQUEST, "note-required", "Note required",
				"No note was set on order " + id + ": " + why, Map.of("orderId", id));
	}

}
