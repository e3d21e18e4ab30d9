package io.github.mcpstarter.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The cursors of paginated lists ({@code tools/list}, {@code resources/list}, ...): an opaque
 * offset into what the caller sees, refused unless it is one this server could have given.
 */
final class ListPages {

	private ListPages() {
	}

	/** Where the page a request asks for starts: 0 without a cursor. */
	static int offset(@Nullable JsonNode params, int size) {
		JsonNode cursor = (params != null) ? params.get("cursor") : null;
		return (cursor != null && !cursor.isNull()) ? decodeCursor(cursor, size) : 0;
	}

	/** The next page's cursor, or {@code null} when {@code end} is the end. */
	static @Nullable String nextCursor(int end, int size) {
		return (end < size) ? encodeCursor(end) : null;
	}

	private static String encodeCursor(int offset) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(("o" + offset).getBytes(StandardCharsets.US_ASCII));
	}

	private static int decodeCursor(JsonNode cursor, int size) {
		if (!cursor.isString() || cursor.asString().length() > McpLimits.MAX_TOKEN_LENGTH) {
			throw McpProtocolException.invalidParams("Invalid cursor: use the nextCursor of the previous page");
		}
		try {
			String decoded = new String(Base64.getUrlDecoder().decode(cursor.asString()), StandardCharsets.US_ASCII);
			if (decoded.startsWith("o")) {
				int offset = Integer.parseInt(decoded.substring(1));
				if (offset > 0 && offset < size) {
					return offset;
				}
			}
		}
		catch (IllegalArgumentException ex) {
			// not base64 or not a number: reported below
		}
		throw McpProtocolException.invalidParams("Invalid cursor");
	}

}
