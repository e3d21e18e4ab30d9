package io.github.mcpstarter.redis;

import java.util.function.Supplier;

import org.springframework.dao.DataAccessException;

import io.github.mcpstarter.protocol.McpSessionStore;

/**
 * A Redis command as the starter makes it: a Redis that does not answer is a clear 503 for the
 * client ({@link McpSessionStore.SessionStoreUnavailableException}), not an internal error.
 */
final class RedisCalls {

	private RedisCalls() {
	}

	static <T> T call(Supplier<T> command) {
		try {
			return command.get();
		}
		catch (DataAccessException ex) {
			throw new McpSessionStore.SessionStoreUnavailableException(ex);
		}
	}

}
