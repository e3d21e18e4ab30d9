package io.github.mcpstarter.fleet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import redis.embedded.RedisServer;

import org.springframework.test.util.TestSocketUtils;

/**
 * A real redis-server (embedded-redis ships the binary) on a port chosen once, so that it can be
 * stopped and started again where the fleet's instances expect it. Nothing is persisted: a
 * restarted Redis is empty, as a replaced one would be.
 */
final class EmbeddedRedis implements AutoCloseable {

	private final int port = TestSocketUtils.findAvailableTcpPort();

	private RedisServer server;

	/** Starts redis-server on {@link #port()}; a no-op when it runs. */
	synchronized EmbeddedRedis start() {
		if (this.server != null && this.server.isActive()) {
			return this;
		}
		try {
			this.server = RedisServer.newRedisServer()
				.port(this.port)
				.bind("127.0.0.1")
				.setting("save \"\"")
				.setting("appendonly no")
				.build();
			this.server.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("redis-server did not start on port " + this.port, ex);
		}
		return this;
	}

	/** Stops redis-server: its clients' connections drop and new ones are refused. */
	synchronized void stop() {
		if (this.server != null) {
			try {
				this.server.stop();
			}
			catch (IOException ex) {
				throw new UncheckedIOException("redis-server did not stop", ex);
			}
			this.server = null;
		}
	}

	/** Stops and starts redis-server on the same port, empty. */
	void restart() {
		stop();
		start();
	}

	int port() {
		return this.port;
	}

	/** The keys that match a pattern ({@code KEYS}, fine for a test's few keys). */
	List<String> keys(String pattern) {
		try (RedisClient client = client(); StatefulRedisConnection<String, String> connection = client.connect()) {
			return connection.sync().keys(pattern);
		}
	}

	/** How many keys the database holds. */
	long dbsize() {
		try (RedisClient client = client(); StatefulRedisConnection<String, String> connection = client.connect()) {
			return connection.sync().dbsize();
		}
	}

	private RedisClient client() {
		RedisClient client = RedisClient.create(RedisURI.builder()
			.withHost("127.0.0.1")
			.withPort(this.port)
			.withTimeout(Duration.ofSeconds(2))
			.build());
		return client;
	}

	@Override
	public void close() {
		stop();
	}

}
