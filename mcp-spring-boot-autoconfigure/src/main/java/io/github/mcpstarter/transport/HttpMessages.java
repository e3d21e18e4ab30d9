package io.github.mcpstarter.transport;

import java.io.IOException;
import java.io.InputStream;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

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

	/** The transport context of a servlet exchange: its request and response. */
	public static TransportContext context(HttpServletRequest request, HttpServletResponse response) {
		return new TransportContext() {
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
