package io.github.mcpstarter.transport.streamable;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

import io.github.mcpstarter.protocol.JsonRpcCodec;
import io.github.mcpstarter.protocol.JsonRpcError;
import io.github.mcpstarter.protocol.JsonRpcMessage;
import io.github.mcpstarter.protocol.McpMethods;
import io.github.mcpstarter.protocol.McpRequestContext;
import io.github.mcpstarter.protocol.McpServer;
import io.github.mcpstarter.protocol.McpSession;
import io.github.mcpstarter.protocol.ProtocolVersions;
import io.github.mcpstarter.protocol.TransportContext;
import io.github.mcpstarter.transport.McpHttpHeaders;

/**
 * The Streamable HTTP transport: JSON-RPC messages POSTed to one endpoint, answered with
 * {@code application/json} (or a one-event {@code text/event-stream} for a client that accepts
 * only that).
 *
 * <ul>
 * <li>{@code initialize} opens a session; its id travels in {@code Mcp-Session-Id}. Other messages
 * without that header get 400; with an unknown one, 404.</li>
 * <li>A {@code MCP-Protocol-Version} this server does not speak gets 400.</li>
 * <li>Notifications and responses get 202 with no body.</li>
 * <li>Bodies that are not JSON-RPC get 400 with -32700 or -32600; a wrong {@code Content-Type}
 * gets 415, an {@code Accept} without JSON or SSE 406, a body over the limit 413.</li>
 * <li>DELETE ends the session. GET, the server-to-client stream, is not offered: 405.</li>
 * </ul>
 * The servlet only adapts HTTP; every answer comes from {@link McpServer}.
 *
 * @see <a href="https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#streamable-http">Streamable HTTP</a>
 */
public class StreamableHttpTransportServlet extends HttpServlet {

	private static final String ALLOW = "POST, DELETE";

	private final transient McpServer server;

	private final transient JsonRpcCodec codec;

	private final long maxRequestBytes;

	/**
	 * @param server the protocol core
	 * @param codec reads and writes JSON-RPC
	 * @param maxRequestBytes the largest request body accepted
	 */
	public StreamableHttpTransportServlet(McpServer server, JsonRpcCodec codec, long maxRequestBytes) {
		this.server = server;
		this.codec = codec;
		this.maxRequestBytes = maxRequestBytes;
	}

	@Override
	protected void service(HttpServletRequest request, HttpServletResponse response)
			throws ServletException, IOException {
		switch (request.getMethod()) {
			case "POST" -> doPost(request, response);
			case "DELETE" -> doDelete(request, response);
			default -> {
				// No server-initiated stream yet, which the specification allows: 405 to GET.
				response.setHeader(HttpHeaders.ALLOW, ALLOW);
				sendError(response, HttpServletResponse.SC_METHOD_NOT_ALLOWED, JsonRpcError.ErrorCodes.TRANSPORT_ERROR,
						"Method Not Allowed: use POST for messages and DELETE to end a session");
			}
		}
	}

	@Override
	protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
		if (!isJson(request.getContentType())) {
			sendError(response, HttpServletResponse.SC_UNSUPPORTED_MEDIA_TYPE, JsonRpcError.ErrorCodes.TRANSPORT_ERROR,
					"Unsupported Media Type: Content-Type must be application/json");
			return;
		}
		ResponseFormat format = ResponseFormat.of(request.getHeader(HttpHeaders.ACCEPT));
		if (format == null) {
			sendError(response, HttpServletResponse.SC_NOT_ACCEPTABLE, JsonRpcError.ErrorCodes.TRANSPORT_ERROR,
					"Not Acceptable: Accept must include application/json or text/event-stream");
			return;
		}
		byte[] body = readBody(request);
		if (body == null) {
			sendError(response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, JsonRpcError.ErrorCodes.TRANSPORT_ERROR,
					"Payload Too Large: the limit is " + this.maxRequestBytes + " bytes");
			return;
		}
		JsonRpcMessage message;
		try {
			message = this.codec.read(body);
		}
		catch (JsonRpcCodec.InvalidMessageException ex) {
			send(response, HttpServletResponse.SC_BAD_REQUEST, JsonRpcMessage.Response.error(ex.id(), ex.getError()),
					ResponseFormat.JSON);
			return;
		}
		if (message instanceof JsonRpcMessage.Request initialize && McpMethods.INITIALIZE.equals(initialize.method())) {
			McpServer.Initialized initialized = this.server.initialize(initialize, true);
			if (initialized.session() != null) {
				response.setHeader(McpHttpHeaders.SESSION_ID, initialized.session().id());
			}
			send(response, HttpServletResponse.SC_OK, initialized.response(), format);
			return;
		}
		McpSession session = requireSession(request, response);
		if (session == null) {
			return;
		}
		String version = requireSupportedVersion(request, response, session);
		if (version == null) {
			return;
		}
		McpRequestContext context = new McpRequestContext(session, version, transportContext(request, response));
		if (message instanceof JsonRpcMessage.Request call) {
			send(response, HttpServletResponse.SC_OK, this.server.handle(call, context), format);
		}
		else if (message instanceof JsonRpcMessage.Notification notification) {
			this.server.handle(notification, context);
			response.setStatus(HttpServletResponse.SC_ACCEPTED);
		}
		else {
			// Clients answer only requests this server sends; it sends none yet, so there is nothing to match.
			response.setStatus(HttpServletResponse.SC_ACCEPTED);
		}
	}

	@Override
	protected void doDelete(HttpServletRequest request, HttpServletResponse response) throws IOException {
		String sessionId = request.getHeader(McpHttpHeaders.SESSION_ID);
		if (sessionId == null || sessionId.isBlank()) {
			sendError(response, HttpServletResponse.SC_BAD_REQUEST, JsonRpcError.ErrorCodes.TRANSPORT_ERROR,
					"Bad Request: DELETE needs the Mcp-Session-Id header");
			return;
		}
		if (!this.server.sessions().remove(sessionId)) {
			sendError(response, HttpServletResponse.SC_NOT_FOUND, JsonRpcError.ErrorCodes.SESSION_NOT_FOUND,
					"Session not found");
			return;
		}
		response.setStatus(HttpServletResponse.SC_NO_CONTENT);
	}

	private @Nullable McpSession requireSession(HttpServletRequest request, HttpServletResponse response)
			throws IOException {
		String sessionId = request.getHeader(McpHttpHeaders.SESSION_ID);
		if (sessionId == null || sessionId.isBlank()) {
			sendError(response, HttpServletResponse.SC_BAD_REQUEST, JsonRpcError.ErrorCodes.TRANSPORT_ERROR,
					"Bad Request: Mcp-Session-Id header is required; send initialize first");
			return null;
		}
		McpSession session = this.server.sessions().find(sessionId);
		if (session == null) {
			// 404 tells the client to start over with a new initialize.
			sendError(response, HttpServletResponse.SC_NOT_FOUND, JsonRpcError.ErrorCodes.SESSION_NOT_FOUND,
					"Session not found");
		}
		return session;
	}

	private @Nullable String requireSupportedVersion(HttpServletRequest request, HttpServletResponse response,
			McpSession session) throws IOException {
		String version = request.getHeader(McpHttpHeaders.PROTOCOL_VERSION);
		if (version == null) {
			// Without the header, the version negotiated for the session is the one spoken.
			return session.protocolVersion();
		}
		if (!ProtocolVersions.isSupported(version)) {
			sendError(response, HttpServletResponse.SC_BAD_REQUEST, JsonRpcError.ErrorCodes.TRANSPORT_ERROR,
					"Bad Request: unsupported MCP-Protocol-Version '" + version + "'; supported: "
							+ String.join(", ", ProtocolVersions.SUPPORTED));
			return null;
		}
		return version;
	}

	private @Nullable byte[] readBody(HttpServletRequest request) throws IOException {
		long declared = request.getContentLengthLong();
		if (declared > this.maxRequestBytes) {
			return null;
		}
		try (InputStream in = request.getInputStream()) {
			byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, this.maxRequestBytes + 1));
			return (body.length > this.maxRequestBytes) ? null : body;
		}
	}

	private static boolean isJson(@Nullable String contentType) {
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

	private static TransportContext transportContext(HttpServletRequest request, HttpServletResponse response) {
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

	private void sendError(HttpServletResponse response, int status, int code, String message) throws IOException {
		send(response, status, JsonRpcMessage.Response.error(null, new JsonRpcError(code, message)), ResponseFormat.JSON);
	}

	private void send(HttpServletResponse response, int status, JsonRpcMessage.Response message, ResponseFormat format)
			throws IOException {
		response.setStatus(status);
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		OutputStream out = response.getOutputStream();
		if (format == ResponseFormat.SSE) {
			response.setContentType(MediaType.TEXT_EVENT_STREAM_VALUE);
			response.setHeader(HttpHeaders.CACHE_CONTROL, "no-cache");
			out.write(SSE_MESSAGE_PREFIX);
			this.codec.write(message, out);
			out.write(SSE_EVENT_END);
		}
		else {
			response.setContentType(MediaType.APPLICATION_JSON_VALUE);
			this.codec.write(message, out);
		}
	}

	private static final byte[] SSE_MESSAGE_PREFIX = "event: message\ndata: ".getBytes(StandardCharsets.UTF_8);

	private static final byte[] SSE_EVENT_END = "\n\n".getBytes(StandardCharsets.UTF_8);

	/** How a request is answered, from what the client accepts. */
	enum ResponseFormat {

		JSON, SSE;

		/** JSON whenever the client takes it; SSE when it takes only that; {@code null} when it takes neither. */
		static @Nullable ResponseFormat of(@Nullable String accept) {
			if (accept == null || accept.isBlank()) {
				return JSON;
			}
			List<MediaType> accepted;
			try {
				accepted = MediaType.parseMediaTypes(accept);
			}
			catch (InvalidMediaTypeException ex) {
				return null;
			}
			boolean sse = false;
			for (MediaType mediaType : accepted) {
				if (mediaType.includes(MediaType.APPLICATION_JSON)) {
					return JSON;
				}
				sse |= mediaType.includes(MediaType.TEXT_EVENT_STREAM);
			}
			return sse ? SSE : null;
		}

	}

}
