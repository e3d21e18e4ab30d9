package io.github.mcpstarter.transport.sse;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

import io.github.mcpstarter.protocol.JsonRpcCodec;
import io.github.mcpstarter.protocol.JsonRpcError;
import io.github.mcpstarter.protocol.JsonRpcMessage;
import io.github.mcpstarter.protocol.LiveSessions;
import io.github.mcpstarter.protocol.Implementation;
import io.github.mcpstarter.protocol.McpExchange;
import io.github.mcpstarter.protocol.McpFleet;
import io.github.mcpstarter.protocol.McpMessageSink;
import io.github.mcpstarter.protocol.McpReply;
import io.github.mcpstarter.protocol.McpServer;
import io.github.mcpstarter.protocol.McpSession;
import io.github.mcpstarter.protocol.McpSessionStore;
import io.github.mcpstarter.protocol.ProtocolVersions;
import io.github.mcpstarter.protocol.SessionOwner;
import io.github.mcpstarter.protocol.TransportContext;
import io.github.mcpstarter.transport.HttpMessages;
import io.github.mcpstarter.transport.OpenStreams;
import io.github.mcpstarter.transport.ResourceMetadataLocator;
import io.github.mcpstarter.transport.ScopeChallenges;
import io.github.mcpstarter.transport.SseStream;

/**
 * The legacy HTTP+SSE transport, for clients that speak MCP 2024-11-05.
 *
 * <ul>
 * <li>GET on the stream path opens a session and its stream; the first event, {@code endpoint},
 * names the message URL with the session id.</li>
 * <li>POST to the message path carries one JSON-RPC message: 202 once it is served, 400 without a
 * session id, 404 for an unknown one. Answers and notifications travel on the stream.</li>
 * <li>The session lives as long as its stream: when the client goes, the session ends.</li>
 * <li>A principal at its quota of sessions or streams gets 429 on GET; a session is served only
 * through this transport, to its owner (issuer, subject, client).</li>
 * </ul>
 * The message URL is relative to the host and includes the context path, so it is right behind a
 * reverse proxy that sets {@code X-Forwarded-Prefix} (with Boot's framework forward-headers strategy).
 *
 * @see <a href="https://modelcontextprotocol.io/specification/2024-11-05/basic/transports#http-with-sse">HTTP with SSE</a>
 */
public class SseTransportServlet extends HttpServlet {

	private static final String SESSION_PARAMETER = "sessionId";

	private final transient McpServer server;

	private final transient JsonRpcCodec codec;

	private final transient OpenStreams streams;

	private final String streamPath;

	private final String messagePath;

	private final long maxRequestBytes;

	private final transient ResourceMetadataLocator resourceMetadata;

	/**
	 * @param server the protocol core
	 * @param codec reads and writes JSON-RPC
	 * @param streams tracks the open streams
	 * @param streamPath the path of the stream ({@code /sse})
	 * @param messagePath the path clients POST to ({@code /sse/message})
	 * @param maxRequestBytes the largest message accepted
	 * @param resourceMetadata where clients find the OAuth metadata, for scope challenges
	 */
	public SseTransportServlet(McpServer server, JsonRpcCodec codec, OpenStreams streams, String streamPath,
			String messagePath, long maxRequestBytes, ResourceMetadataLocator resourceMetadata) {
		this.resourceMetadata = resourceMetadata;
		this.server = server;
		this.codec = codec;
		this.streams = streams;
		this.streamPath = streamPath;
		this.messagePath = messagePath;
		this.maxRequestBytes = maxRequestBytes;
		McpFleet fleet = server.fleet();
		if (fleet.isShared()) {
			// In a fleet, a session's stream is on the instance its GET reached: answers go there.
			server.liveSessions().reachRemotely(TransportContext.SSE,
					(session) -> (message) -> fleet.send(session.id(), codec.toBytes(message)));
		}
	}

	@Override
	protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
		String path = request.getServletPath();
		if (HttpMessages.hasAmbiguousAuthorization(request)) {
			sendError(response, HttpServletResponse.SC_BAD_REQUEST,
					"Bad Request: send one Authorization header, not several");
			return;
		}
		try {
			if (this.streamPath.equals(path) && "GET".equals(request.getMethod())) {
				openStream(request, response);
				return;
			}
			if (this.messagePath.equals(path) && "POST".equals(request.getMethod())) {
				receive(request, response);
				return;
			}
		}
		catch (McpSessionStore.SessionStoreUnavailableException ex) {
			HttpMessages.storeUnavailable(response, ex, null, this.codec);
			return;
		}
		response.setHeader(HttpHeaders.ALLOW, this.streamPath.equals(path) ? "GET" : "POST");
		sendError(response, HttpServletResponse.SC_METHOD_NOT_ALLOWED,
				"Method Not Allowed: GET " + this.streamPath + " opens the stream; POST " + this.messagePath
						+ " sends a message");
	}

	private void openStream(HttpServletRequest request, HttpServletResponse response) throws IOException {
		McpSession session;
		SessionOwner owner;
		try {
			owner = HttpMessages.sessionOwner(request);
			session = this.server.sessions().create(owner, TransportContext.SSE, ProtocolVersions.V2024_11_05, null);
		}
		catch (HttpMessages.NamelessPrincipalException ex) {
			sendError(response, HttpServletResponse.SC_FORBIDDEN, ex.getMessage());
			return;
		}
		catch (McpSessionStore.SessionQuotaExceededException ex) {
			tooManyRequests(response, ex.getMessage());
			return;
		}
		catch (McpSessionStore.SessionLimitExceededException ex) {
			response.setHeader(HttpHeaders.RETRY_AFTER, "60");
			sendError(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, ex.getMessage());
			return;
		}
		String sessionId = session.id();
		// The stream is the session: when the client goes, so does the session.
		SseStream stream;
		try {
			stream = this.streams.open(TransportContext.SSE, request, response, sessionId, owner,
					(closed) -> this.server.sessions().remove(sessionId));
		}
		catch (OpenStreams.StreamQuotaExceededException ex) {
			this.server.sessions().remove(sessionId);
			tooManyRequests(response, ex.getMessage());
			return;
		}
		this.server.liveSessions().attach(session, (message) -> stream.send(null, "message", this.codec.toBytes(message)));
		this.server.liveSessions().onEnd(session, stream::close);
		McpFleet fleet = this.server.fleet();
		if (fleet.isShared()) {
			try {
				fleet.hold(sessionId, (payload) -> stream.send(null, "message", payload), stream::close);
			}
			catch (McpSessionStore.SessionStoreUnavailableException ex) {
				// The stream is open already: it ends, and the session with it; the client retries.
				stream.close();
				return;
			}
			this.server.liveSessions().onEnd(session, () -> fleet.release(sessionId));
		}
		String endpoint = request.getContextPath() + this.messagePath + "?" + SESSION_PARAMETER + "="
				+ URLEncoder.encode(sessionId, StandardCharsets.UTF_8);
		stream.send(null, "endpoint", endpoint.getBytes(StandardCharsets.UTF_8));
	}

	private void receive(HttpServletRequest request, HttpServletResponse response) throws IOException {
		String sessionId = request.getParameter(SESSION_PARAMETER);
		if (sessionId == null || sessionId.isBlank()) {
			sendError(response, HttpServletResponse.SC_BAD_REQUEST,
					"Bad Request: the sessionId query parameter is required; use the URL of the endpoint event");
			return;
		}
		McpSession session = this.server.sessions().find(sessionId);
		// A session is served only to the principal that opened it; to anyone else it does not exist.
		if (session == null || !HttpMessages.isOwner(session, TransportContext.SSE, request)) {
			sendError(response, HttpServletResponse.SC_NOT_FOUND, JsonRpcError.ErrorCodes.SESSION_NOT_FOUND,
					"Session not found");
			return;
		}
		if (this.server.fleet().isShared() && !this.server.liveSessions().isHere(session)
				&& !this.server.fleet().isHeld(sessionId)) {
			// Its stream was on an instance that is gone, and the session with it: the client starts again.
			this.server.sessions().remove(sessionId);
			sendError(response, HttpServletResponse.SC_NOT_FOUND, JsonRpcError.ErrorCodes.SESSION_NOT_FOUND,
					"Session not found: its stream has closed; open a new one");
			return;
		}
		if (!HttpMessages.isJson(request.getContentType())) {
			sendError(response, HttpServletResponse.SC_UNSUPPORTED_MEDIA_TYPE,
					"Unsupported Media Type: Content-Type must be application/json");
			return;
		}
		if (HttpMessages.declaresOtherCharsetThanUtf8(request.getContentType())) {
			sendError(response, HttpServletResponse.SC_BAD_REQUEST, "Bad Request: the body must be UTF-8");
			return;
		}
		byte[] body = HttpMessages.readBody(request, this.maxRequestBytes);
		if (body == null) {
			sendError(response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE,
					"Payload Too Large: the limit is " + this.maxRequestBytes + " bytes");
			return;
		}
		JsonRpcMessage message;
		try {
			message = this.codec.read(body);
		}
		catch (JsonRpcCodec.InvalidMessageException ex) {
			send(response, HttpServletResponse.SC_BAD_REQUEST, JsonRpcMessage.Response.error(ex.id(), ex.getError()));
			return;
		}
		// Served on this thread; then the POST completes (202, empty body) on a connection kept alive,
		// and only then does the answer go to the stream, so that a client never sees the answer
		// before the acceptance of its request. While a long call runs, the client sees this
		// connection busy, so its next message (say, a cancellation of this very call) goes on
		// another; answering 202 before serving would need the connection closed after every
		// message, and a new connection for each.
		McpReply reply = this.server.serve(message, new SseExchange(session, this.server.liveSessions(),
				HttpMessages.context(TransportContext.SSE, request, response)));
		JsonRpcMessage.Response answer = reply.response();
		try {
			response.setStatus(HttpServletResponse.SC_ACCEPTED);
			response.setContentLength(0);
			response.flushBuffer();
		}
		finally {
			if (answer != null) {
				// A missing scope is told in the error's data, with where to find the metadata.
				this.server.liveSessions().outbound(session).send(ScopeChallenges.isInsufficientScope(answer)
						? ScopeChallenges.withResourceMetadata(answer, this.resourceMetadata.resourceMetadataUrl(request))
						: answer);
			}
		}
	}

	/**
	 * A message on a session this transport opened with its stream: {@code initialize} negotiates
	 * the session's version, and everything travels on the stream.
	 */
	private record SseExchange(McpSession session, LiveSessions live, TransportContext transport)
			implements McpExchange {

		@Override
		public List<String> versions() {
			return ProtocolVersions.SSE;
		}

		@Override
		public McpMessageSink notifications() {
			return this.live.outbound(this.session);
		}

		@Override
		public McpSession openSession(String protocolVersion, @Nullable Implementation clientInfo) {
			this.session.negotiated(protocolVersion, clientInfo);
			return this.session;
		}

	}

	/**
	 * 429: this principal's quota is full, while others are still served. 503 is kept for the
	 * server's own ceiling, which no single caller can do anything about.
	 */
	private void tooManyRequests(HttpServletResponse response, String message) throws IOException {
		response.setHeader(HttpHeaders.RETRY_AFTER, "60");
		sendError(response, 429, message);
	}




	private void sendError(HttpServletResponse response, int status, String message) throws IOException {
		sendError(response, status, JsonRpcError.ErrorCodes.TRANSPORT_ERROR, message);
	}

	private void sendError(HttpServletResponse response, int status, int code, String message) throws IOException {
		send(response, status, JsonRpcMessage.Response.error(null, new JsonRpcError(code, message)));
	}

	private void send(HttpServletResponse response, int status, JsonRpcMessage.Response message) throws IOException {
		response.setStatus(status);
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		this.codec.write(message, response.getOutputStream());
	}

}
