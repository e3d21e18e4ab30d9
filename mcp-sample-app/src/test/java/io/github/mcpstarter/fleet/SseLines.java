package io.github.mcpstarter.fleet;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads the events of an SSE stream, for the fleet tests: ids and data, blocking. */
final class SseLines {

	private final BufferedReader reader;

	SseLines(InputStream body) {
		this.reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
	}

	/** The next event: {@code [id, data]}, either {@code null} when absent. */
	String[] next() {
		String id = null;
		StringBuilder data = null;
		try {
			String line;
			while ((line = this.reader.readLine()) != null) {
				if (line.isEmpty()) {
					if (id != null || data != null) {
						return new String[] { id, (data != null) ? data.toString() : null };
					}
					continue;
				}
				if (line.startsWith("id:")) {
					id = line.substring(3).strip();
				}
				else if (line.startsWith("data:")) {
					data = (data == null) ? new StringBuilder() : data.append('\n');
					data.append(line.substring(5).strip());
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		throw new IllegalStateException("the stream ended");
	}

	/** The id of the next event that has one. */
	long nextId() {
		String[] event;
		do {
			event = next();
		}
		while (event[0] == null);
		return Long.parseLong(event[0]);
	}

	/** The data of the events before the next priming event (an id and empty data). */
	List<String> messagesUntilPriming() {
		List<String> messages = new ArrayList<>();
		String[] event;
		while ((event = next())[1] != null && !event[1].isEmpty()) {
			messages.add(event[1]);
		}
		return messages;
	}

}
