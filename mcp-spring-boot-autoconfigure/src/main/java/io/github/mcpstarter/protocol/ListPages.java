package io.github.mcpstarter.protocol;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The cursors of paginated lists ({@code tools/list}, {@code resources/list}, ...): an opaque
 * offset into what the caller sees, refused unless it is one this server could have given.
 */
final class ListPages {

	private ListPages() {
	}

	/**
	 * The page a list request asks for, of the offerings the caller may use: the list shows only
	 * those the access policy allows, and pages are cut from what the caller sees.
	 * @param registry the published offerings
	 * @param shown what the list shows of one
	 * @param params the request's params, with its cursor if any
	 * @param context the caller
	 * @param support the access policy and page size
	 * @return the page and the next page's cursor
	 */
	static <T extends Offering, S> Page<S> visible(OfferingRegistry<T> registry, Function<T, S> shown,
			@Nullable JsonNode params, McpRequestContext context, McpFeature.Support support) {
		List<S> visible = new ArrayList<>(registry.size());
		for (T offering : registry.all()) {
			if (support.accessPolicy().check(offering, context).verdict() == AccessPolicy.Verdict.ALLOWED) {
				visible.add(shown.apply(offering));
			}
		}
		int offset = offset(params, visible.size());
		int end = Math.min(visible.size(), offset + support.pageSize());
		return new Page<>(List.copyOf(visible.subList(offset, end)), nextCursor(end, visible.size()));
	}

	/** One page of a list, and the cursor of the next, or {@code null} at the end. */
	record Page<S>(List<S> items, @Nullable String nextCursor) {
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
