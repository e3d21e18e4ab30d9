package io.github.mcpstarter.transport;

import java.io.IOException;
import java.io.InputStream;
import java.security.Principal;
import java.util.Enumeration;
import java.util.Map;
import java.util.Objects;

import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestWrapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.server.resource.authentication.AbstractOAuth2TokenAuthenticationToken;
import org.springframework.util.ClassUtils;

import io.github.mcpstarter.protocol.JsonRpcCodec;
import io.github.mcpstarter.protocol.JsonRpcMessage;
import io.github.mcpstarter.protocol.McpSession;
import io.github.mcpstarter.protocol.McpSessionStore;
import io.github.mcpstarter.protocol.SessionOwner;
import io.github.mcpstarter.protocol.TransportContext;

/**
 * What both HTTP transports do alike with an incoming message.
 */
public final class HttpMessages {

	private HttpMessages() {
	}

	/**
	 * Reads a request body, refusing one over the limit without reading more than it.
	 * @return the body, or {@code null} when it is larger than {@code maxBytes}
	 */
	public static byte @Nullable [] readBody(HttpServletRequest request, long maxBytes) throws IOException {
		if (request.getContentLengthLong() > maxBytes) {
			return null;
		}
		try (InputStream in = request.getInputStream()) {
			byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
			return (body.length > maxBytes) ? null : body;
		}
	}

	/** Whether a {@code Content-Type} is JSON ({@code application/json}, any charset). */
	public static boolean isJson(@Nullable String contentType) {
		if (contentType == null) {
			return false;
		}
		try {
			return MediaType.APPLICATION_JSON.isCompatibleWith(MediaType.parseMediaType(contentType));
		}
		catch (InvalidMediaTypeException ex) {
			return false;
		}
	}

	/**
	 * The name of the authenticated principal of a request, or {@code null} without one.
	 * @throws NamelessPrincipalException when the request is authenticated but its principal has
	 * no name (a token without {@code sub}), which could not be told apart from other such callers
	 */
	public static @Nullable String principalName(HttpServletRequest request) {
		Principal principal = request.getUserPrincipal();
		if (principal == null) {
			return null;
		}
		if (principal.getName() == null || principal.getName().isBlank()) {
			throw new NamelessPrincipalException();
		}
		return principal.getName();
	}

	/**
	 * The owner a session opened by this request gets: the token's issuer, its subject and the
	 * client it was issued to, or {@code null} without authentication.
	 * @throws NamelessPrincipalException when the request is authenticated but its principal has no name
	 * @since 0.1.0
	 */
	public static @Nullable SessionOwner sessionOwner(HttpServletRequest request) {
		String name = principalName(request);
		if (name == null) {
			return null;
		}
		Principal principal = request.getUserPrincipal();
		if (OAUTH2_PRESENT) {
			SessionOwner owner = OAuth2Owners.of(principal, name);
			if (owner != null) {
				return owner;
			}
		}
		return new SessionOwner(null, name, null);
	}

	/**
	 * Whether the request may use the session: it came through the transport that opened the
	 * session, from the same owner (issuer, subject and client). A caller without a name owns
	 * nothing: sessions are bound to a name.
	 * @param transport the transport the request came through
	 * @since 0.1.0
	 */
	public static boolean isOwner(McpSession session, String transport, HttpServletRequest request) {
		if (session.transport() != null && !session.transport().equals(transport)) {
			return false;
		}
		try {
			if (session.sessionOwner() != null) {
				return session.sessionOwner().equals(sessionOwner(request));
			}
			// A store that keeps only the name: bound to the name.
			return Objects.equals(session.owner(), principalName(request));
		}
		catch (NamelessPrincipalException ex) {
			return false;
		}
	}

	/**
	 * Whether the request carries one {@code Authorization} header at most: with two, which one
	 * authenticated it is up to the component that read it, so the request is refused.
	 * @since 0.1.0
	 */
	public static boolean hasAmbiguousAuthorization(HttpServletRequest request) {
		// Counted beneath Spring Security's own wrappers, which leave headers as they are: its
		// firewall's checks every value it hands out (a long token character by character), only to
		// be counted here. Any other wrapper, which may change what the request says, is asked.
		ServletRequest counted = request;
		while (counted instanceof ServletRequestWrapper wrapper && isSpringSecurity(wrapper)) {
			counted = wrapper.getRequest();
		}
		Enumeration<String> values = ((HttpServletRequest) counted).getHeaders(HttpHeaders.AUTHORIZATION);
		if (values == null || !values.hasMoreElements()) {
			return false;
		}
		values.nextElement();
		return values.hasMoreElements();
	}

	private static boolean isSpringSecurity(ServletRequestWrapper wrapper) {
		return wrapper.getClass().getName().startsWith("org.springframework.security.web.")
				&& wrapper.getRequest() instanceof HttpServletRequest;
	}

	/**
	 * Whether a {@code Content-Type} names a charset other than UTF-8, the only encoding of MCP's
	 * JSON-RPC messages. Without a charset parameter the body is read as UTF-8.
	 * @since 0.1.0
	 */
	public static boolean declaresOtherCharsetThanUtf8(@Nullable String contentType) {
		if (contentType == null) {
			return false;
		}
		try {
			String charset = MediaType.parseMediaType(contentType).getParameter("charset");
			return charset != null && !"utf-8".equalsIgnoreCase(charset.replace("\"", ""));
		}
		catch (InvalidMediaTypeException ex) {
			return true;
		}
	}

	private static final boolean OAUTH2_PRESENT = ClassUtils.isPresent(
			"org.springframework.security.oauth2.server.resource.authentication.AbstractOAuth2TokenAuthenticationToken",
			HttpMessages.class.getClassLoader());

	/** Reads the issuer and client of an OAuth2 token; loaded only when Spring Security's resource server is. */
	private static final class OAuth2Owners {

		/** Where issuers put the client a token was issued to: OIDC, RFC 9068 / RFC 7662, Okta. */
		private static final String[] CLIENT_CLAIMS = { "azp", "client_id", "cid" };

		static @Nullable SessionOwner of(@Nullable Principal principal, String name) {
			if (!(principal instanceof AbstractOAuth2TokenAuthenticationToken<?> token)) {
				return null;
			}
			Map<String, Object> attributes = token.getTokenAttributes();
			Object issuer = attributes.get("iss");
			String client = null;
			for (String claim : CLIENT_CLAIMS) {
				Object value = attributes.get(claim);
				if (value != null && !value.toString().isBlank()) {
					client = value.toString();
					break;
				}
			}
			return new SessionOwner((issuer != null) ? issuer.toString() : null, name, client);
		}

	}

	/** An authenticated caller with no name (a token without {@code sub}) cannot own a session. */
	public static final class NamelessPrincipalException extends RuntimeException {

		NamelessPrincipalException() {
			super("Forbidden: the access token names no subject (sub), and sessions are bound to the subject");
		}

	}

	/**
	 * The transport context of a servlet exchange: its request and response.
	 * @param transport the transport's name ({@link TransportContext#STREAMABLE_HTTP}, {@link TransportContext#SSE})
	 */
	public static TransportContext context(String transport, HttpServletRequest request, HttpServletResponse response) {
		return new TransportContext() {

			@Override
			public String name() {
				return transport;
			}

			@Override
			public @Nullable SessionOwner caller() {
				return sessionOwner(request);
			}

			@Override
			public <T> @Nullable T unwrap(Class<T> type) {
				if (type.isInstance(request)) {
					return type.cast(request);
				}
				return type.isInstance(response) ? type.cast(response) : null;
			}
		};
	}


	/**
	 * Answers 503 with {@code Retry-After} for a request the session store could not serve, unless
	 * the response has begun (a stream, whose client then sees it end).
	 * @param id the request's id when it was read, or {@code null}
	 * @since 0.3.0
	 */
	public static void storeUnavailable(HttpServletResponse response, McpSessionStore.SessionStoreUnavailableException ex,
			@Nullable Object id, JsonRpcCodec codec) throws IOException {
		if (response.isCommitted()) {
			return;
		}
		response.resetBuffer();
		response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
		response.setHeader(HttpHeaders.RETRY_AFTER, "5");
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.setCharacterEncoding("UTF-8");
		codec.write(JsonRpcMessage.Response.error(id, ex.getError()), response.getOutputStream());
	}

}
