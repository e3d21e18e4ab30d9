package io.github.mcpstarter.protocol;

import org.jspecify.annotations.Nullable;

/**
 * A result as the modern era writes it: the result's own fields, with {@code resultType}, this
 * server's name in {@code _meta} and, for what a client may cache, {@code ttlMs} and
 * {@code cacheScope}.
 *
 * @param result the result itself (a tool result, a list page, a map of fields)
 * @param ttlMs how long a client may reuse it, or {@code null} when it is no cacheable result
 * @param cacheScope {@code public} when any caller gets the same, {@code private} when it depends on
 * the caller's authorization; {@code null} with {@code ttlMs}
 * @param serverInfo this server's name and version, for the result's {@code _meta}
 * @see <a href="https://modelcontextprotocol.io/specification/2026-07-28/server/utilities/caching">Caching</a>
 */
public record ModernResult(Object result, @Nullable Long ttlMs, @Nullable String cacheScope,
		Implementation serverInfo) {

	/** The result type of a finished request. */
	public static final String COMPLETE = "complete";

	public static final String PUBLIC = "public";

	public static final String PRIVATE = "private";

}
