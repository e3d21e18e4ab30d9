package io.github.mcpstarter.redis;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import redis.embedded.RedisServer;

/**
 * A real redis-server (the binary the embedded-redis artifact ships) on a free loopback port, for
 * the fleet tests: started, stopped and started again on the same port.
 */
public final class EmbeddedRedis implements AutoCloseable {

	private final int port;

	private RedisServer server;

	public EmbeddedRedis() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			this.port = socket.getLocalPort();
		}
		start();
	}

	public int port() {
		return this.port;
	}

	public void start() throws IOException {
		this.server = RedisServer.newRedisServer()
			.bind("127.0.0.1")
			.port(this.port)
			.setting("save \"\"")
			.setting("appendonly no")
			.build();
		this.server.start();
	}

	/** Stops the server, and returns once its port refuses connections. */
	public void stop() throws IOException {
		this.server.stop();
		long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
		while (System.nanoTime() < deadline) {
			try (java.net.Socket socket = new java.net.Socket("127.0.0.1", this.port)) {
				Thread.sleep(50);
			}
			catch (IOException ex) {
				return;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
		throw new IOException("redis-server on port " + this.port + " did not stop");
	}

	/** The keys matching a pattern, read with a connection of its own. */
	public List<String> keys(String pattern) {
		RedisClient client = RedisClient.create("redis://127.0.0.1:" + this.port);
		try (StatefulRedisConnection<String, String> connection = client.connect()) {
			return connection.sync().keys(pattern);
		}
		finally {
			client.shutdown();
		}
	}

	/** Sets a field of a hash, as another instance would have. */
	public void hset(String key, String field, String value) {
		RedisClient client = RedisClient.create("redis://127.0.0.1:" + this.port);
		try (StatefulRedisConnection<String, String> connection = client.connect()) {
			connection.sync().hset(key, field, value);
		}
		finally {
			client.shutdown();
		}
	}

	@Override
	public void close() throws IOException {
		stop();
	}

}
