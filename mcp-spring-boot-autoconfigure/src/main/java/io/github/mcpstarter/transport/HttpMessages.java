package io.github.mcpstarter.transport;

import java.io.IOException;
import java.io.InputStream;
import java.security.Principal;
import java.util.Objects;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

import io.github.mcpstarter.protocol.McpSession;
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
	 * Whether the request comes from the principal that opened the session. A caller without a
	 * name owns nothing: sessions are bound to a name.
	 */
	public static boolean isOwner(McpSession session, HttpServletRequest request) {
		try {
			return Objects.equals(session.owner(), principalName(request));
		}
		catch (NamelessPrincipalException ex) {
			return false;
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
			public <T> @Nullable T unwrap(Class<T> type) {
				if (type.isInstance(request)) {
					return type.cast(request);
				}
				return type.isInstance(response) ? type.cast(response) : null;
			}
		};
	}

}
