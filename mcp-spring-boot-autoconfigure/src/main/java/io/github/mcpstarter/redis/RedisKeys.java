package io.github.mcpstarter.redis;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.jspecify.annotations.Nullable;

import io.github.mcpstarter.protocol.SessionOwner;

/**
 * Where the fleet's state lives in Redis: every key and channel under one prefix ({@code mcp:}
 * by default), so that the starter shares a Redis with the application and can be cleared alone.
 *
 * <ul>
 * <li>{@code session:<id>}: a session, a hash, expiring after the idle timeout.</li>
 * <li>{@code sessions:<transport>}: the live sessions of a transport, a sorted set scored by
 * expiry: the fleet-wide count and ceiling.</li>
 * <li>{@code principal:<sha-256>}: the sessions of one principal, the same: its quota.</li>
 * <li>{@code events:<id>} and {@code seq:<id>}: a Streamable HTTP session's event log and its
 * last id.</li>
 * <li>{@code spent:<id>}: a modern requestState that has been used.</li>
 * <li>Channels {@code node:<node>} (to one instance), {@code fleet} (to all), {@code ended}
 * (a session ended).</li>
 * </ul>
 */
final class RedisKeys {

	private final String prefix;

	RedisKeys(String prefix) {
		this.prefix = prefix;
	}

	String prefix() {
		return this.prefix;
	}

	String session(String id) {
		return this.prefix + "session:" + id;
	}

	String sessions(String transport) {
		return this.prefix + "sessions:" + transport;
	}

	/** A principal's key: hashed, since issuer and subject are the client's to choose and may be long. */
	String principal(@Nullable SessionOwner principal) {
		if (principal == null) {
			return this.prefix + "principal:-";
		}
		String name = String.valueOf(principal.issuer()) + '\n' + principal.subject();
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
			return this.prefix + "principal:" + HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is not available", ex);
		}
	}

	String events(String id) {
		return this.prefix + "events:" + id;
	}

	String sequence(String id) {
		return this.prefix + "seq:" + id;
	}

	String spent(String id) {
		return this.prefix + "spent:" + id;
	}

	String requestStateKey() {
		return this.prefix + "request-state-key";
	}

	String nodeChannel(String node) {
		return this.prefix + "node:" + node;
	}

	String fleetChannel() {
		return this.prefix + "fleet";
	}

	String endedChannel() {
		return this.prefix + "ended";
	}

}
