package io.github.mcpstarter.observation;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Principal;
import java.util.Collection;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jakarta.servlet.http.HttpServletRequest;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.server.resource.authentication.AbstractOAuth2TokenAuthenticationToken;
import org.springframework.util.ClassUtils;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import io.github.mcpstarter.protocol.McpSession;
import io.github.mcpstarter.protocol.ToolCallContext;
import io.github.mcpstarter.protocol.ToolCallObserver;
import io.github.mcpstarter.protocol.ToolCallOutcome;

/**
 * Writes one line per tool call, resource read and prompt get, refused ones included, to the
 * logger {@value #LOGGER_NAME}, at INFO, so that it can be routed (to its own file, a SIEM) and
 * switched off like any logger:
 *
 * <pre>
 * MCP tool call tool=get_order outcome=success duration=12ms principal=alice client=mcp-demo-client transport=streamable-http session=3f2a9c1e07b4
 * MCP resource read resource=orders://{id} outcome=success duration=3ms principal=alice client=mcp-demo-client transport=streamable-http session=-
 * </pre>
 *
 * <ul>
 * <li>{@code principal}: the authenticated principal's name, {@code -} without one;</li>
 * <li>{@code client}: the OAuth2 client the token was issued to (its {@code azp}, else
 * {@code client_id} claim or introspection attribute), {@code -} when unknown;</li>
 * <li>{@code session}: the first 12 hex digits of the SHA-256 of the session id, {@code -} without
 * a session. The id itself is never written: whoever holds it can address the session (bound to
 * its owner, but still), and logs are read by more people than should hold credentials; the
 * digest still ties the lines of one session together, on every instance.</li>
 * </ul>
 * The caller's token never reaches this log. Arguments are left out unless
 * {@code logArguments} is set; then the values of the redacted fields are written as
 * {@value #REDACTED}, at any depth: those {@link #ALWAYS_REDACTED always redacted} and those
 * configured. A field is redacted when its name, in lower case and without {@code _}, {@code -},
 * {@code .} or spaces, ends with a redacted name so written: {@code token} covers
 * {@code access_token}, {@code refreshToken} and {@code X-Auth-Token}.
 *
 * @since 0.1.0
 */
public class McpAuditLog implements ToolCallObserver {

	/** The name of the audit logger. */
	public static final String LOGGER_NAME = "io.github.mcpstarter.audit";

	/** What a redacted value is written as. */
	public static final String REDACTED = "***";

	/** The fields redacted whatever else is configured. */
	public static final Set<String> ALWAYS_REDACTED = Set.of("password", "passwd", "secret", "token", "apiKey",
			"authorization", "credential", "credentials", "cookie", "creditCard", "cardNumber", "cvv", "ssn");

	private static final Log logger = LogFactory.getLog(LOGGER_NAME);

	private static final boolean OAUTH2_TOKENS_PRESENT = ClassUtils.isPresent(
			"org.springframework.security.oauth2.server.resource.authentication.AbstractOAuth2TokenAuthenticationToken",
			McpAuditLog.class.getClassLoader());

	private final boolean logArguments;

	private final Set<String> redactedFields;

	/**
	 * @param logArguments whether to write the arguments
	 * @param redactedFields names of argument fields whose values are never written, besides those
	 * {@link #ALWAYS_REDACTED always redacted}
	 */
	public McpAuditLog(boolean logArguments, Collection<String> redactedFields) {
		this.logArguments = logArguments;
		this.redactedFields = Stream.concat(ALWAYS_REDACTED.stream(), redactedFields.stream())
			.map(McpAuditLog::fieldKey)
			.filter((key) -> !key.isEmpty())
			.collect(Collectors.toUnmodifiableSet());
	}

	/** A field name as redaction compares it: lower case, without separators. */
	private static String fieldKey(String name) {
		StringBuilder key = new StringBuilder(name.length());
		for (int i = 0; i < name.length(); i++) {
			char c = name.charAt(i);
			if (c != '_' && c != '-' && c != '.' && !Character.isWhitespace(c)) {
				key.append(Character.toLowerCase(c));
			}
		}
		return key.toString();
	}

	private boolean isRedacted(String field) {
		String key = fieldKey(field);
		for (String redacted : this.redactedFields) {
			if (key.endsWith(redacted)) {
				return true;
			}
		}
		return false;
	}

	@Override
	public @Nullable Object observe(ToolCallContext call, Invocation invocation) {
		if (!logger.isInfoEnabled()) {
			return invocation.proceed();
		}
		long start = System.nanoTime();
		try {
			Object result = invocation.proceed();
			log(call, ToolCallOutcome.of(call, result, null), start);
			return result;
		}
		catch (RuntimeException ex) {
			log(call, ToolCallOutcome.of(call, null, ex), start);
			throw ex;
		}
	}

	private void log(ToolCallContext call, ToolCallOutcome outcome, long start) {
		HttpServletRequest request = call.request().transport().unwrap(HttpServletRequest.class);
		Principal principal = (request != null) ? request.getUserPrincipal() : null;
		McpSession session = call.request().session();
		StringBuilder line = new StringBuilder("MCP ").append(what(call.method()))
			.append((call.toolName() != null) ? call.toolName() : DefaultMcpToolCallObservationConvention.UNKNOWN)
			.append(" outcome=")
			.append(outcome.value())
			.append(" duration=")
			.append((System.nanoTime() - start) / 1_000_000)
			.append("ms principal=")
			.append(printable((principal != null) ? principal.getName() : null))
			.append(" client=")
			.append(printable(clientId(principal)))
			.append(" transport=")
			.append(call.request().transport().name())
			.append(" session=")
			.append((session != null) ? digest(session.id()) : "-");
		if (call.confirmation() != null) {
			// The user's decision on the confirmation the server asked before the call ran.
			line.append(" confirmation=").append(call.confirmation());
		}
		if (this.logArguments) {
			line.append(" arguments=").append(redact(call.arguments().deepCopy()));
		}
		logger.info(line);
	}

	/** The start of a line: {@code tool call tool=}, {@code resource read resource=}, {@code prompt get prompt=}. */
	private static String what(String method) {
		int slash = method.indexOf('/');
		if (slash < 0) {
			return method + " name=";
		}
		String kind = method.substring(0, slash);
		String noun = kind.endsWith("s") ? kind.substring(0, kind.length() - 1) : kind;
		return noun + " " + method.substring(slash + 1) + " " + noun + "=";
	}

	private static @Nullable String clientId(@Nullable Principal principal) {
		if (OAUTH2_TOKENS_PRESENT) {
			return OAuth2Client.id(principal);
		}
		return null;
	}

	private JsonNode redact(JsonNode node) {
		if (node instanceof ObjectNode object) {
			for (Map.Entry<String, JsonNode> field : object.properties()) {
				if (isRedacted(field.getKey())) {
					field.setValue(object.stringNode(REDACTED));
				}
				else {
					redact(field.getValue());
				}
			}
		}
		else if (node instanceof ArrayNode array) {
			array.forEach(this::redact);
		}
		return node;
	}

	/** A value safe to put on one log line: control characters (a forged line break) replaced. */
	private static String printable(@Nullable String value) {
		if (value == null || value.isEmpty()) {
			return "-";
		}
		StringBuilder out = new StringBuilder(value.length());
		value.codePoints().forEach((c) -> out.appendCodePoint((Character.isISOControl(c) || c == ' ') ? '_' : c));
		return out.toString();
	}

	private static String digest(String sessionId) {
		try {
			byte[] hash = MessageDigest.getInstance("SHA-256").digest(sessionId.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(hash, 0, 6);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every Java platform", ex);
		}
	}

	/**
	 * Reads the client id from Spring Security's OAuth2 tokens; a class of its own, loaded only when
	 * they are on the classpath, since they are optional.
	 */
	private static final class OAuth2Client {

		static @Nullable String id(@Nullable Principal principal) {
			if (principal instanceof AbstractOAuth2TokenAuthenticationToken<?> token) {
				Map<String, Object> attributes = token.getTokenAttributes();
				Object client = attributes.get("azp");
				if (client == null) {
					client = attributes.get("client_id");
				}
				return (client != null) ? client.toString() : null;
			}
			return null;
		}

	}

}
