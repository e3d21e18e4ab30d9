package io.github.mcpstarter.redis;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.github.mcpstarter.protocol.McpFleet;

/**
 * The instances of a fleet reaching one another through Redis pub/sub: each listens on a channel of
 * its own ({@code node:<id>}) for what is sent to the streams it holds, and on one channel for what
 * is told to all ({@code fleet}). The holder of a session's stream is a field of the session
 * ({@code node}), so it goes with the session.
 *
 * <p>Pub/sub delivers at most once, to whoever listens now: a message for a stream whose instance
 * is gone is dropped (and {@link #send} says so), a Streamable HTTP session's events stay in its log
 * for when the client reconnects, and a legacy SSE session whose instance is gone ends. The
 * messages to one instance arrive in the order they were sent and are handed on in that order, on
 * one thread.
 *
 * @since 0.3.0
 */
public class RedisMcpFleet implements McpFleet {

	private static final Log logger = LogFactory.getLog(RedisMcpFleet.class);

	private static final char MESSAGE = 'M';

	private static final char TAKEN = 'T';

	private static final char PING = 'P';

	/** KEYS: the session; ARGV: this node. The previous holder, once this node holds the stream. */
	private static final RedisScript<String> HOLD = RedisScript.of("""
			if redis.call('EXISTS', KEYS[1]) == 0 then return false end
			local previous = redis.call('HGET', KEYS[1], 'node')
			redis.call('HSET', KEYS[1], 'node', ARGV[1])
			return previous
			""", String.class);

	/** KEYS: the session; ARGV: this node. Lets go of the stream, if this node still holds it. */
	private static final RedisScript<Long> RELEASE = RedisScript.of("""
			if redis.call('HGET', KEYS[1], 'node') == ARGV[1] then return redis.call('HDEL', KEYS[1], 'node') end
			return 0
			""", Long.class);

	private final StringRedisTemplate redis;

	private final RedisKeys keys;

	private final String node;

	private final JsonMapper json = JsonMapper.builder().build();

	/** The streams this instance holds: what to do with what is sent to each. */
	private final ConcurrentMap<String, Held> held = new ConcurrentHashMap<>();

	private final List<Consumer<Signal>> listeners = new CopyOnWriteArrayList<>();

	/**
	 * @param redis the connection
	 * @param container the subscriptions (its executor should hand messages on one at a time)
	 * @param keyPrefix the prefix of every key and channel ({@code mcp:})
	 */
	public RedisMcpFleet(StringRedisTemplate redis, RedisMessageListenerContainer container, String keyPrefix) {
		this.redis = redis;
		this.keys = new RedisKeys(keyPrefix);
		byte[] id = new byte[9];
		new SecureRandom().nextBytes(id);
		this.node = Base64.getUrlEncoder().withoutPadding().encodeToString(id);
		container.addMessageListener((message, pattern) -> received(message),
				new ChannelTopic(this.keys.nodeChannel(this.node)));
		container.addMessageListener((message, pattern) -> signalled(message),
				new ChannelTopic(this.keys.fleetChannel()));
	}

	/** This instance's name in the fleet. */
	public String node() {
		return this.node;
	}

	@Override
	public boolean isShared() {
		return true;
	}

	@Override
	public void hold(String sessionId, Consumer<byte[]> receiver, Runnable taken) {
		this.held.put(sessionId, new Held(receiver, taken));
		String previous;
		try {
			previous = RedisCalls.call(() -> this.redis.execute(HOLD, List.of(this.keys.session(sessionId)), this.node));
		}
		catch (RuntimeException ex) {
			this.held.remove(sessionId);
			throw ex;
		}
		if (previous != null && !previous.equals(this.node)) {
			publish(previous, TAKEN, sessionId, new byte[0]);
		}
	}

	@Override
	public void release(String sessionId) {
		if (this.held.remove(sessionId) == null) {
			return;
		}
		try {
			this.redis.execute(RELEASE, List.of(this.keys.session(sessionId)), this.node);
		}
		catch (DataAccessException ex) {
			// The field goes with the session; a stale holder only makes a send find nobody.
			logger.debug("Could not release the stream of MCP session " + sessionId + ": " + ex.getMessage());
		}
	}

	@Override
	public boolean send(String sessionId, byte[] payload) {
		Held here = this.held.get(sessionId);
		if (here != null) {
			here.receiver().accept(payload);
			return true;
		}
		String holder = holder(sessionId);
		return holder != null && !holder.equals(this.node) && publish(holder, MESSAGE, sessionId, payload) > 0;
	}

	@Override
	public boolean isHeld(String sessionId) {
		if (this.held.containsKey(sessionId)) {
			return true;
		}
		String holder = holder(sessionId);
		// PUBLISH answers how many listen: none when the holder's instance is gone.
		return holder != null && !holder.equals(this.node) && publish(holder, PING, sessionId, new byte[0]) > 0;
	}

	private @Nullable String holder(String sessionId) {
		Object holder = RedisCalls.call(() -> this.redis.opsForHash().get(this.keys.session(sessionId), "node"));
		return (holder != null) ? holder.toString() : null;
	}

	/** Publishes {@code <kind><session id>\n<payload>} to one instance; how many received it. */
	private long publish(String node, char kind, String sessionId, byte[] payload) {
		byte[] head = (kind + sessionId + "\n").getBytes(StandardCharsets.UTF_8);
		byte[] body = new byte[head.length + payload.length];
		System.arraycopy(head, 0, body, 0, head.length);
		System.arraycopy(payload, 0, body, head.length, payload.length);
		byte[] channel = this.keys.nodeChannel(node).getBytes(StandardCharsets.UTF_8);
		try {
			Long receivers = this.redis.execute((RedisCallback<Long>) (connection) -> connection.publish(channel, body));
			return (receivers != null) ? receivers : 0;
		}
		catch (DataAccessException ex) {
			logger.warn("An MCP message for session " + sessionId + " could not be sent to instance " + node + " ("
					+ ex.getMessage() + ")");
			return 0;
		}
	}

	private void received(Message message) {
		byte[] body = message.getBody();
		int newline = 0;
		while (newline < body.length && body[newline] != '\n') {
			newline++;
		}
		if (body.length == 0 || newline == body.length) {
			return;
		}
		String sessionId = new String(body, 1, newline - 1, StandardCharsets.UTF_8);
		switch ((char) body[0]) {
			case MESSAGE -> {
				Held here = this.held.get(sessionId);
				if (here != null) {
					byte[] payload = java.util.Arrays.copyOfRange(body, newline + 1, body.length);
					here.receiver().accept(payload);
				}
			}
			case TAKEN -> {
				Held here = this.held.remove(sessionId);
				if (here != null) {
					here.taken().run();
				}
			}
			default -> {
				// PING: answered by PUBLISH itself, which counted this instance.
			}
		}
	}

	@Override
	public void broadcast(Signal signal) {
		Map<String, Object> body = new java.util.LinkedHashMap<>();
		body.put("from", this.node);
		body.put("kind", signal.kind());
		if (signal.sessionId() != null) {
			body.put("session", signal.sessionId());
		}
		if (signal.payload() != null) {
			body.put("payload", signal.payload());
		}
		try {
			this.redis.convertAndSend(this.keys.fleetChannel(), this.json.writeValueAsString(body));
		}
		catch (DataAccessException ex) {
			logger.warn("The other MCP instances were not told of '" + signal.kind() + "' (" + ex.getMessage() + ")");
		}
	}

	@Override
	public void onSignal(Consumer<Signal> listener) {
		this.listeners.add(listener);
	}

	private void signalled(Message message) {
		JsonNode body;
		try {
			body = this.json.readTree(message.getBody());
		}
		catch (RuntimeException ex) {
			logger.debug("Ignored an unreadable MCP fleet message");
			return;
		}
		if (this.node.equals(body.path("from").asString(null))) {
			return;
		}
		Signal signal = new Signal(body.path("kind").asString(""), body.path("session").asString(null),
				body.path("payload").asString(null));
		for (Consumer<Signal> listener : this.listeners) {
			try {
				listener.accept(signal);
			}
			catch (RuntimeException ex) {
				logger.warn("An MCP fleet signal '" + signal.kind() + "' failed here", ex);
			}
		}
	}

	/** How many streams this instance holds, for tests and health. */
	public int heldCount() {
		return this.held.size();
	}

	private record Held(Consumer<byte[]> receiver, Runnable taken) {
	}

}
