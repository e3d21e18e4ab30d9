package io.github.mcpstarter.invocation;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/**
 * The response of a tool call, held in memory: status, headers and body never reach the MCP
 * client's connection; they become the tool result.
 *
 * <p>The body is held up to a limit ({@code mcp.server.tools.max-response-size}): one endpoint that
 * writes without end must not take the server's heap with it. Past the limit the bytes held so
 * far are dropped, and the next write fails with {@link ResponseTooLargeException}, an
 * {@code IOException} as a broken connection would give, so the endpoint stops writing; the
 * result is then a tool error naming the limit, whatever the endpoint or MVC does after that.
 */
final class CapturedResponse extends HttpServletResponseWrapper {

	/** No limit to the body, for callers that bound it themselves. */
	static final long UNLIMITED = Long.MAX_VALUE;

	private final ByteArrayOutputStream body = new ByteArrayOutputStream(256);

	private final long maxBodySize;

	/** Whether the endpoint wrote more than {@link #maxBodySize}; never reset. */
	private boolean tooLarge;

	private final HttpHeaders headers = new HttpHeaders();

	private int status = SC_OK;

	private @Nullable String errorMessage;

	private @Nullable String characterEncoding;

	private @Nullable ServletOutputStream outputStream;

	private @Nullable PrintWriter writer;

	private boolean committed;

	CapturedResponse(HttpServletResponse mcpResponse) {
		this(mcpResponse, UNLIMITED);
	}

	/**
	 * @param mcpResponse the response of the MCP request, which nothing is written to
	 * @param maxBodySize the most bytes of body to hold
	 */
	CapturedResponse(HttpServletResponse mcpResponse, long maxBodySize) {
		super(mcpResponse);
		this.maxBodySize = maxBodySize;
	}

	/** Whether the endpoint wrote a body larger than the limit (its bytes are not held). */
	boolean tooLarge() {
		return this.tooLarge;
	}

	long maxBodySize() {
		return this.maxBodySize;
	}

	/** Takes {@code length} more bytes of body, or fails once they would pass the limit. */
	private void reserve(int length) throws ResponseTooLargeException {
		if (this.tooLarge || this.body.size() + (long) length > this.maxBodySize) {
			if (!this.tooLarge) {
				this.tooLarge = true;
				// What was held so far is of no use: let it go now rather than with the response.
				this.body.reset();
			}
			throw new ResponseTooLargeException(this.maxBodySize);
		}
	}

	int status() {
		return this.status;
	}

	/** The message given to {@code sendError}, or {@code null}. */
	@Nullable String errorMessage() {
		return this.errorMessage;
	}

	HttpHeaders headers() {
		return this.headers;
	}

	byte[] body() {
		if (this.writer != null) {
			this.writer.flush();
		}
		return this.tooLarge ? new byte[0] : this.body.toByteArray();
	}

	@Nullable MediaType mediaType() {
		return contentType(this.headers);
	}

	/** The media type the headers name, or {@code null} when they name none or one that does not parse. */
	static @Nullable MediaType contentType(HttpHeaders headers) {
		String contentType = headers.getFirst(HttpHeaders.CONTENT_TYPE);
		try {
			return (contentType != null) ? MediaType.parseMediaType(contentType) : null;
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	Charset charset() {
		MediaType mediaType = mediaType();
		if (mediaType != null && mediaType.getCharset() != null) {
			return mediaType.getCharset();
		}
		return (this.characterEncoding != null) ? Charset.forName(this.characterEncoding) : StandardCharsets.UTF_8;
	}

	@Override
	public void setStatus(int status) {
		if (!this.committed) {
			this.status = status;
		}
	}

	@Override
	public int getStatus() {
		return this.status;
	}

	@Override
	public void sendError(int status, String message) {
		sendError(status);
		this.errorMessage = message;
	}

	@Override
	public void sendError(int status) {
		if (this.committed) {
			throw new IllegalStateException("Cannot send an error after the response is committed");
		}
		this.status = status;
		this.committed = true;
	}

	@Override
	public void sendRedirect(String location) {
		sendRedirect(location, SC_FOUND, true);
	}

	@Override
	public void sendRedirect(String location, int status, boolean clearBuffer) {
		if (clearBuffer) {
			this.body.reset();
		}
		this.headers.set(HttpHeaders.LOCATION, location);
		this.status = status;
		this.committed = true;
	}

	@Override
	public void setHeader(String name, @Nullable String value) {
		if (HttpHeaders.CONTENT_TYPE.equalsIgnoreCase(name) && value != null) {
			setContentType(value);
		}
		else if (value == null) {
			this.headers.remove(name);
		}
		else {
			this.headers.set(name, value);
		}
	}

	@Override
	public void addHeader(String name, @Nullable String value) {
		if (value != null) {
			this.headers.add(name, value);
		}
	}

	@Override
	public void setIntHeader(String name, int value) {
		this.headers.set(name, Integer.toString(value));
	}

	@Override
	public void addIntHeader(String name, int value) {
		this.headers.add(name, Integer.toString(value));
	}

	@Override
	public void setDateHeader(String name, long date) {
		this.headers.setDate(name, date);
	}

	@Override
	public void addDateHeader(String name, long date) {
		this.headers.add(name, java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME
			.format(java.time.ZonedDateTime.ofInstant(java.time.Instant.ofEpochMilli(date), java.time.ZoneOffset.UTC)));
	}

	@Override
	public boolean containsHeader(String name) {
		return this.headers.containsHeader(name);
	}

	@Override
	public @Nullable String getHeader(String name) {
		return this.headers.getFirst(name);
	}

	@Override
	public Collection<String> getHeaders(String name) {
		List<String> values = this.headers.get(name);
		return (values != null) ? values : List.of();
	}

	@Override
	public Collection<String> getHeaderNames() {
		return this.headers.headerNames();
	}

	@Override
	public void addCookie(Cookie cookie) {
		// A tool result has no cookies to carry, and the MCP client's connection must not get them.
	}

	@Override
	public void setContentType(@Nullable String type) {
		if (type == null) {
			this.headers.remove(HttpHeaders.CONTENT_TYPE);
			return;
		}
		this.headers.set(HttpHeaders.CONTENT_TYPE, type);
		try {
			MediaType mediaType = MediaType.parseMediaType(type);
			if (mediaType.getCharset() != null) {
				this.characterEncoding = mediaType.getCharset().name();
			}
		}
		catch (RuntimeException ex) {
			// kept as given; charset() falls back to UTF-8
		}
	}

	@Override
	public @Nullable String getContentType() {
		return this.headers.getFirst(HttpHeaders.CONTENT_TYPE);
	}

	@Override
	public void setCharacterEncoding(@Nullable String encoding) {
		this.characterEncoding = encoding;
	}

	@Override
	public String getCharacterEncoding() {
		return (this.characterEncoding != null) ? this.characterEncoding : StandardCharsets.ISO_8859_1.name();
	}

	@Override
	public void setContentLength(int length) {
	}

	@Override
	public void setContentLengthLong(long length) {
	}

	@Override
	public void setLocale(Locale locale) {
	}

	@Override
	public void setBufferSize(int size) {
	}

	@Override
	public void flushBuffer() {
		this.committed = true;
	}

	@Override
	public boolean isCommitted() {
		return this.committed;
	}

	@Override
	public void reset() {
		if (this.committed) {
			throw new IllegalStateException("Cannot reset a committed response");
		}
		this.body.reset();
		this.headers.clear();
		this.status = SC_OK;
	}

	@Override
	public void resetBuffer() {
		if (this.committed) {
			throw new IllegalStateException("Cannot reset a committed response");
		}
		this.body.reset();
	}

	@Override
	public ServletOutputStream getOutputStream() {
		if (this.writer != null) {
			throw new IllegalStateException("getWriter() has already been called");
		}
		if (this.outputStream == null) {
			this.outputStream = new ServletOutputStream() {

				@Override
				public void write(int b) throws IOException {
					reserve(1);
					CapturedResponse.this.body.write(b);
				}

				@Override
				public void write(byte[] bytes, int offset, int length) throws IOException {
					reserve(length);
					CapturedResponse.this.body.write(bytes, offset, length);
				}

				@Override
				public void flush() {
					CapturedResponse.this.committed = true;
				}

				@Override
				public boolean isReady() {
					return true;
				}

				@Override
				public void setWriteListener(WriteListener listener) {
					throw new UnsupportedOperationException("A tool call's response is written synchronously");
				}

			};
		}
		return this.outputStream;
	}

	@Override
	public PrintWriter getWriter() {
		if (this.outputStream != null) {
			throw new IllegalStateException("getOutputStream() has already been called");
		}
		if (this.writer == null) {
			if (this.characterEncoding == null) {
				this.characterEncoding = StandardCharsets.UTF_8.name();
			}
			this.writer = new PrintWriter(new OutputStreamWriter(new LimitedBody(), charset()), false);
		}
		return this.writer;
	}

	/** The body as the writer sees it: the same limit as the output stream's. */
	private final class LimitedBody extends OutputStream {

		@Override
		public void write(int b) throws IOException {
			reserve(1);
			CapturedResponse.this.body.write(b);
		}

		@Override
		public void write(byte[] bytes, int offset, int length) throws IOException {
			reserve(length);
			CapturedResponse.this.body.write(bytes, offset, length);
		}

	}

	/** The endpoint wrote more than the tool call may hold. */
	static final class ResponseTooLargeException extends IOException {

		ResponseTooLargeException(long maxBodySize) {
			super("The response is larger than " + maxBodySize + " bytes");
		}

	}

}
