package io.github.mcpstarter.transport;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One HTTP/1.1 exchange written by hand on a raw socket, for tests that must control the
 * connection: read only the response head, keep a stream open without reading it, or drop the
 * connection abruptly (a reset, as when a client crashes or a network path dies).
 */
public final class RawHttp implements AutoCloseable {

	private final Socket socket;

	private final int status;

	private final Map<String, String> headers;

	private final InputStream body;

	private RawHttp(Socket socket, int status, Map<String, String> headers, InputStream body) {
		this.socket = socket;
		this.status = status;
		this.headers = headers;
		this.body = body;
	}

	/**
	 * Sends a request and reads the response head; the body is left to read.
	 * @param port the server's port on localhost
	 * @param method the request method
	 * @param target the request target, such as {@code /mcp} or {@code /sse/message?sessionId=x}
	 * @param headers request headers besides {@code Host} and {@code Content-Length}
	 * @param body the request body, or {@code null}
	 * @param readTimeout how long any one read may block
	 */
	public static RawHttp exchange(int port, String method, String target, Map<String, String> headers,
			@Nullable String body, Duration readTimeout) throws IOException {
		Socket socket = new Socket();
		try {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
			socket.setSoTimeout((int) readTimeout.toMillis());
			StringBuilder request = new StringBuilder(256);
			request.append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
			request.append("Host: 127.0.0.1:").append(port).append("\r\n");
			headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
			byte[] bytes = (body != null) ? body.getBytes(StandardCharsets.UTF_8) : new byte[0];
			if (body != null) {
				request.append("Content-Length: ").append(bytes.length).append("\r\n");
			}
			request.append("\r\n");
			OutputStream out = socket.getOutputStream();
			out.write(request.toString().getBytes(StandardCharsets.US_ASCII));
			out.write(bytes);
			out.flush();
			InputStream in = new BufferedInputStream(socket.getInputStream());
			String statusLine = readLine(in);
			String[] parts = statusLine.split(" ", 3);
			if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
				throw new IOException("Not an HTTP response: " + statusLine);
			}
			int status = Integer.parseInt(parts[1]);
			Map<String, String> responseHeaders = new LinkedHashMap<>();
			String line;
			while (!(line = readLine(in)).isEmpty()) {
				int colon = line.indexOf(':');
				if (colon > 0) {
					responseHeaders.merge(line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
							line.substring(colon + 1).trim(), (a, b) -> a + ", " + b);
				}
			}
			InputStream responseBody;
			if ("chunked".equalsIgnoreCase(responseHeaders.get("transfer-encoding"))) {
				responseBody = new ChunkedInputStream(in);
			}
			else if (responseHeaders.containsKey("content-length")) {
				responseBody = new BoundedInputStream(in, Long.parseLong(responseHeaders.get("content-length")));
			}
			else {
				responseBody = in;
			}
			return new RawHttp(socket, status, responseHeaders, responseBody);
		}
		catch (IOException | RuntimeException ex) {
			socket.close();
			throw ex;
		}
	}

	public int status() {
		return this.status;
	}

	/** A response header (names are case-insensitive), or {@code null}. */
	public @Nullable String header(String name) {
		return this.headers.get(name.toLowerCase(Locale.ROOT));
	}

	/** The response body, de-chunked. */
	public InputStream body() {
		return this.body;
	}

	/** Reads the whole body: only for responses that end. */
	public String bodyText() throws IOException {
		return new String(this.body.readAllBytes(), StandardCharsets.UTF_8);
	}

	/**
	 * Drops the connection abruptly: the socket is closed with a reset, without ending the
	 * exchange, as a crashed client or a broken network would leave it.
	 */
	public void abort() {
		try {
			this.socket.setSoLinger(true, 0);
		}
		catch (IOException ex) {
			// closing anyway
		}
		close();
	}

	@Override
	public void close() {
		try {
			this.socket.close();
		}
		catch (IOException ex) {
			// nothing more to do
		}
	}

	private static String readLine(InputStream in) throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream(64);
		int b;
		while ((b = in.read()) != '\n') {
			if (b == -1) {
				throw new EOFException("Connection closed within the response head");
			}
			line.write(b);
		}
		String text = line.toString(StandardCharsets.ISO_8859_1);
		return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
	}

	/** The body of a chunked response. */
	private static final class ChunkedInputStream extends InputStream {

		private final InputStream in;

		private long remaining;

		private boolean done;

		ChunkedInputStream(InputStream in) {
			this.in = in;
		}

		@Override
		public int read() throws IOException {
			byte[] one = new byte[1];
			int n = read(one, 0, 1);
			return (n == -1) ? -1 : (one[0] & 0xFF);
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			if (this.done) {
				return -1;
			}
			if (this.remaining == 0) {
				String size = readLine(this.in);
				int semicolon = size.indexOf(';');
				this.remaining = Long.parseLong(((semicolon >= 0) ? size.substring(0, semicolon) : size).trim(), 16);
				if (this.remaining == 0) {
					// trailers, up to the empty line
					while (!readLine(this.in).isEmpty()) {
					}
					this.done = true;
					return -1;
				}
			}
			int n = this.in.read(buffer, offset, (int) Math.min(length, this.remaining));
			if (n == -1) {
				throw new EOFException("Connection closed within a chunk");
			}
			this.remaining -= n;
			if (this.remaining == 0) {
				readLine(this.in);
			}
			return n;
		}

		@Override
		public void close() throws IOException {
			this.in.close();
		}

	}

	/** The body of a response with a Content-Length. */
	private static final class BoundedInputStream extends InputStream {

		private final InputStream in;

		private long remaining;

		BoundedInputStream(InputStream in, long length) {
			this.in = in;
			this.remaining = length;
		}

		@Override
		public int read() throws IOException {
			if (this.remaining <= 0) {
				return -1;
			}
			int b = this.in.read();
			if (b != -1) {
				this.remaining--;
			}
			return b;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			if (this.remaining <= 0) {
				return -1;
			}
			int n = this.in.read(buffer, offset, (int) Math.min(length, this.remaining));
			if (n > 0) {
				this.remaining -= n;
			}
			return n;
		}

		@Override
		public void close() throws IOException {
			this.in.close();
		}

	}

}
