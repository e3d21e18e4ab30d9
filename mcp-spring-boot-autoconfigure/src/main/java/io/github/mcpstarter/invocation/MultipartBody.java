package io.github.mcpstarter.invocation;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/**
 * The parts of a multipart body that an endpoint wrote, such as the {@code multipart/mixed} a
 * handler returning a {@code MultiValueMap} of parts produces, split as RFC 2046 §5.1 defines.
 *
 * <p>Spring offers multipart parsing only for requests and for reactive clients; a tool call has
 * the whole response in memory already, so splitting it at its boundaries is all that is needed.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc2046#section-5.1.1">RFC 2046 §5.1.1</a>
 */
final class MultipartBody {

	private static final byte[] CRLF = { '\r', '\n' };

	private static final byte[] HEADERS_END = { '\r', '\n', '\r', '\n' };

	private MultipartBody() {
	}

	/**
	 * One body part.
	 * @param headers its headers ({@code Content-Type}, {@code Content-Location}, ...)
	 * @param body its bytes
	 */
	record Part(HttpHeaders headers, byte[] body) {

		@Nullable MediaType contentType() {
			return CapturedResponse.contentType(this.headers);
		}

	}

	static boolean isMultipart(@Nullable MediaType mediaType) {
		return mediaType != null && "multipart".equals(mediaType.getType());
	}

	/**
	 * Splits a multipart body into its parts.
	 * @param body the whole body
	 * @param mediaType its media type, with the {@code boundary} parameter
	 * @return the parts, in order
	 * @throws IllegalArgumentException when the body is not a complete multipart body
	 */
	static List<Part> parse(byte[] body, MediaType mediaType) {
		String boundary = mediaType.getParameter("boundary");
		if (boundary == null || boundary.isEmpty()) {
			throw new IllegalArgumentException("no boundary in " + mediaType);
		}
		if (boundary.length() > 1 && boundary.startsWith("\"") && boundary.endsWith("\"")) {
			boundary = boundary.substring(1, boundary.length() - 1);
		}
		byte[] dashBoundary = ("--" + boundary).getBytes(StandardCharsets.US_ASCII);
		byte[] delimiter = concat(CRLF, dashBoundary);
		// The first boundary may open the body; a preamble before it ends with CRLF.
		int position;
		if (startsWith(body, 0, dashBoundary)) {
			position = dashBoundary.length;
		}
		else {
			int first = indexOf(body, delimiter, 0);
			if (first < 0) {
				throw new IllegalArgumentException("no boundary line in the body");
			}
			position = first + delimiter.length;
		}
		List<Part> parts = new ArrayList<>();
		while (true) {
			if (startsWith(body, position, new byte[] { '-', '-' })) {
				return parts;
			}
			int lineEnd = indexOf(body, CRLF, position);
			if (lineEnd < 0) {
				throw new IllegalArgumentException("the body ends inside a boundary line");
			}
			int start = lineEnd + CRLF.length;
			int end = indexOf(body, delimiter, start);
			if (end < 0) {
				throw new IllegalArgumentException("the body ends before its closing boundary");
			}
			parts.add(part(Arrays.copyOfRange(body, start, end)));
			position = end + delimiter.length;
		}
	}

	private static Part part(byte[] bytes) {
		HttpHeaders headers = new HttpHeaders();
		if (startsWith(bytes, 0, CRLF)) {
			return new Part(headers, Arrays.copyOfRange(bytes, CRLF.length, bytes.length));
		}
		int headersEnd = indexOf(bytes, HEADERS_END, 0);
		if (headersEnd < 0) {
			throw new IllegalArgumentException("a part has no blank line after its headers");
		}
		String block = new String(bytes, 0, headersEnd, StandardCharsets.UTF_8);
		for (String line : block.split("\r\n")) {
			int colon = line.indexOf(':');
			if (colon > 0) {
				headers.add(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
			}
		}
		return new Part(headers, Arrays.copyOfRange(bytes, headersEnd + HEADERS_END.length, bytes.length));
	}

	private static boolean startsWith(byte[] bytes, int offset, byte[] prefix) {
		if (offset + prefix.length > bytes.length) {
			return false;
		}
		return Arrays.equals(bytes, offset, offset + prefix.length, prefix, 0, prefix.length);
	}

	private static int indexOf(byte[] bytes, byte[] target, int from) {
		for (int i = from; i <= bytes.length - target.length; i++) {
			if (startsWith(bytes, i, target)) {
				return i;
			}
		}
		return -1;
	}

	private static byte[] concat(byte[] first, byte[] second) {
		byte[] joined = Arrays.copyOf(first, first.length + second.length);
		System.arraycopy(second, 0, joined, first.length, second.length);
		return joined;
	}

}
