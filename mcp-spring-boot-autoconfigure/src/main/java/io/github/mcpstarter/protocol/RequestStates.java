package io.github.mcpstarter.protocol;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Issues and checks the modern era's {@code requestState}: what a call that needs input carries
 * over to its retry (the answers so far, the requests it asked), signed with HMAC-SHA256 and bound
 * to the caller, the request (method, offering, arguments) and a short lifetime, and used at most
 * once. The client cannot read meaning into it, change it, move it to another request or another
 * principal, or use it twice.
 *
 * <p>The state is signed, not encrypted: it holds only what the client itself answered.
 *
 * @see <a href="https://modelcontextprotocol.io/specification/2026-07-28/basic/patterns/mrtr#server-requirements-basic-workflow">MRTR server requirements</a>
 * @since 0.2.0
 */
public final class RequestStates {

	/** The longest {@code requestState} accepted; a signed state of this server is far shorter. */
	public static final int MAX_LENGTH = 64 * 1024;

	private static final String ALGORITHM = "HmacSHA256";

	private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

	private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private final SecretKeySpec key;

	private final Duration timeToLive;

	private final Clock clock;

	private final SpentRequestStates spent;

	private final SecureRandom random = new SecureRandom();

	/**
	 * @param key the HMAC key, at least 32 bytes; every instance serving the same clients needs the same
	 * @param timeToLive how long a state may be used
	 * @param clock the clock expiry is measured by
	 * @param spent where used states are remembered
	 */
	public RequestStates(byte[] key, Duration timeToLive, Clock clock, SpentRequestStates spent) {
		if (key.length < 32) {
			throw new IllegalArgumentException("The requestState key must have at least 32 bytes (256 bits)");
		}
		if (timeToLive.isNegative() || timeToLive.isZero()) {
			throw new IllegalArgumentException("timeToLive must be positive");
		}
		this.key = new SecretKeySpec(key.clone(), ALGORITHM);
		this.timeToLive = timeToLive;
		this.clock = clock;
		this.spent = spent;
	}

	/** A key of 32 random bytes: for a single instance, or tests. */
	public static byte[] randomKey() {
		byte[] key = new byte[32];
		new SecureRandom().nextBytes(key);
		return key;
	}

	/**
	 * What a state is bound to: who called, and which request.
	 * @param caller the caller, or {@code null} when the request is not authenticated
	 * @param method the request's method
	 * @param name the offering it names (a tool's or prompt's name, a resource's URI)
	 * @param arguments its arguments
	 */
	public static Binding bind(@Nullable SessionOwner caller, String method, @Nullable String name,
			@Nullable JsonNode arguments) {
		String who = (caller != null) ? "u\n" + nullToEmpty(caller.issuer()) + "\n" + caller.subject() + "\n"
				+ nullToEmpty(caller.client()) : "anonymous";
		String what = method + "\n" + nullToEmpty(name) + "\n"
				+ MAPPER.writeValueAsString(canonical((arguments != null) ? arguments : JsonNodeFactory.instance.objectNode()));
		return new Binding(sha256(who), sha256(what));
	}

	/** The digests a state is bound to. */
	public record Binding(String caller, String request) {
	}

	/** What a verified state carries. */
	public record State(Map<String, JsonNode> answers, Set<String> asked) {

		public static final State NONE = new State(Map.of(), Set.of());

	}

	/**
	 * Issues a state.
	 * @param binding what it is bound to
	 * @param answers the answers so far, by key
	 * @param asked the keys of the requests this round asks
	 */
	public String issue(Binding binding, Map<String, JsonNode> answers, Collection<String> asked) {
		ObjectNode payload = JsonNodeFactory.instance.objectNode();
		payload.put("v", 1);
		byte[] id = new byte[16];
		this.random.nextBytes(id);
		payload.put("id", ENCODER.encodeToString(id));
		payload.put("exp", this.clock.millis() + this.timeToLive.toMillis());
		payload.put("who", binding.caller());
		payload.put("req", binding.request());
		ArrayNode askedKeys = payload.putArray("asked");
		asked.forEach(askedKeys::add);
		ObjectNode answered = payload.putObject("answers");
		answers.forEach(answered::set);
		String body = ENCODER.encodeToString(MAPPER.writeValueAsBytes(payload));
		return body + "." + ENCODER.encodeToString(sign(body));
	}

	/**
	 * Checks a state a client sent back, and uses it up.
	 * @param state the {@code requestState}, as sent
	 * @param binding the request it came with
	 * @return what it carries
	 * @throws McpProtocolException {@code -32602} when it is malformed, not signed by this server's
	 * key, for another caller or request, expired, or used already
	 */
	public State verify(JsonNode state, Binding binding) {
		if (!state.isString()) {
			throw invalid("it must be the string this server sent");
		}
		String text = state.asString();
		if (text.length() > MAX_LENGTH) {
			throw invalid("it is longer than any this server sends");
		}
		int dot = text.indexOf('.');
		byte[] signature;
		try {
			signature = (dot > 0) ? DECODER.decode(text.substring(dot + 1)) : null;
		}
		catch (IllegalArgumentException ex) {
			signature = null;
		}
		if (signature == null || !MessageDigest.isEqual(signature, sign(text.substring(0, dot)))) {
			throw invalid("it was not issued by this server, or it was changed");
		}
		JsonNode payload;
		try {
			payload = MAPPER.readTree(DECODER.decode(text.substring(0, dot)));
		}
		catch (JacksonException | IllegalArgumentException ex) {
			throw invalid("it was not issued by this server");
		}
		if (!binding.caller().equals(payload.path("who").asString(""))) {
			throw invalid("it was issued to another caller");
		}
		if (!binding.request().equals(payload.path("req").asString(""))) {
			throw invalid("it was issued for another request (method, name or arguments differ); retry the same request");
		}
		long expires = payload.path("exp").asLong(0);
		if (expires <= this.clock.millis()) {
			throw invalid("it has expired; send the request again without it");
		}
		if (!this.spent.spend(payload.path("id").asString(""), expires)) {
			throw invalid("it has been used already; send the request again without it");
		}
		Map<String, JsonNode> answers = new LinkedHashMap<>();
		payload.path("answers").properties().forEach((entry) -> answers.put(entry.getKey(), entry.getValue()));
		Set<String> asked = new LinkedHashSet<>();
		payload.path("asked").forEach((key) -> asked.add(key.asString()));
		return new State(Map.copyOf(answers), Set.copyOf(asked));
	}

	private static McpProtocolException invalid(String why) {
		return McpProtocolException.invalidParams("Invalid requestState: " + why);
	}

	private byte[] sign(String body) {
		try {
			Mac mac = Mac.getInstance(ALGORITHM);
			mac.init(this.key);
			return mac.doFinal(body.getBytes(StandardCharsets.US_ASCII));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is part of every Java platform", ex);
		}
	}

	/** The same JSON with every object's properties in order, so that equal arguments digest alike. */
	private static Object canonical(JsonNode node) {
		if (node.isObject()) {
			TreeMap<String, Object> sorted = new TreeMap<>();
			node.properties().forEach((entry) -> sorted.put(entry.getKey(), canonical(entry.getValue())));
			return sorted;
		}
		if (node.isArray()) {
			java.util.List<Object> elements = new java.util.ArrayList<>(node.size());
			node.forEach((element) -> elements.add(canonical(element)));
			return elements;
		}
		return node;
	}

	private static String sha256(String text) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("SHA-256 is part of every Java platform", ex);
		}
	}

	private static String nullToEmpty(@Nullable String value) {
		return (value != null) ? value : "";
	}

}
