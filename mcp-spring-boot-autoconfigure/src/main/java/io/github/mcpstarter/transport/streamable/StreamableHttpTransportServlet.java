package io.github.mcpstarter.transport.streamable;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Predicate;

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
import io.github.mcpstarter.protocol.Implementation;
import io.github.mcpstarter.protocol.McpExchange;
import io.github.mcpstarter.protocol.McpReply;
import io.github.mcpstarter.protocol.RegisteredTool;
import io.github.mcpstarter.protocol.RequestMeta;
import io.github.mcpstarter.protocol.McpServer;
import io.github.mcpstarter.protocol.McpMessageSink;
import io.github.mcpstarter.protocol.McpSession;
import io.github.mcpstarter.protocol.McpSessionStore;
import io.github.mcpstarter.protocol.ProtocolVersions;
import io.github.mcpstarter.protocol.TransportContext;
import io.github.mcpstarter.transport.McpHttpHeaders;
import io.github.mcpstarter.transport.HttpMessages;
import io.github.mcpstarter.transport.OpenStreams;
import io.github.mcpstarter.transport.ResourceMetadataLocator;
import io.github.mcpstarter.transport.ScopeChallenges;
import io.github.mcpstarter.transport.SessionEventLog;
import io.github.mcpstarter.transport.SseStream;

/**
 * The Streamable HTTP transport: JSON-RPC messages POSTed to one endpoint, answered with
 * {@code application/json} (or a one-event {@code text/event-stream} for a client that accepts
 * only that), in either era of the protocol, chosen per request by {@link McpServer}.
 *
 * <p>A MCP 2026-07-28 request (its version in its own {@code _meta}) is served statelessly: its
 * {@code MCP-Protocol-Version}, {@code Mcp-Method}, {@code Mcp-Name} and {@code Mcp-Param-*}
 * headers must agree with its body ({@code 400}, {@code -32020}), a method that era lacks gets
 * {@code 404} ({@code -32601}), a malformed {@code _meta} or unsupported version {@code 400}; a
 * {@code subscriptions/listen} gets a long-lived stream of list changes. The legacy era follows.
 *
 * <ul>
 * <li>{@code initialize} opens a session; its id travels in {@code Mcp-Session-Id}. Other messages
 * without that header get 400; with an unknown one, 404.</li>
 * <li>A {@code MCP-Protocol-Version} this server does not speak gets 400.</li>
 * <li>Notifications and responses get 202 with no body.</li>
 * <li>Bodies that are not JSON-RPC get 400 with -32700 or -32600; a wrong {@code Content-Type}
 * gets 415, an {@code Accept} without JSON or SSE 406, a body over the limit 413.</li>
 * <li>A {@code tools/call} that sends notifications (progress, log messages) to a client that
 * accepts SSE is answered with an SSE stream, opened at the first one: the notifications, then
 * the result. Other requests, and calls that send nothing, are answered with JSON.</li>
 * <li>GET opens the session's server-to-client stream (list changes, log messages), resumable
 * with {@code Last-Event-ID}. DELETE ends the session.</li>
 * <li>In stateless mode ({@link LegacySessions}) no legacy session is opened or required, and GET
 * and DELETE get 405.</li>
 * <li>A principal at its quota of sessions or streams gets 429 with {@code Retry-After} (the
 * server's own ceiling, 503): the limit is its own, others are still served. Two
 * {@code Authorization} headers, a charset other than UTF-8 or a body that is not UTF-8 get 400.</li>
 * <li>A session is served only through this transport, to its owner (issuer, subject, client).</li>
 * </ul>
 * The servlet only adapts HTTP; every answer comes from {@link McpServer}.
 *
 * @see <a href="https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http">Streamable HTTP (2026-07-28)</a>
 * @see <a href="https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#streamable-http">Streamable HTTP (2025-11-25)</a>
 */
public class StreamableHttpTransportServlet extends HttpServlet {

	/** The requests whose answer may be preceded by messages about them: those that run an endpoint. */
	private static final java.util.Set<String> STREAMED_METHODS = java.util.Set.of(McpMethods.TOOLS_CALL,
			McpMethods.PROMPTS_GET, McpMethods.RESOURCES_READ);

	private final transient McpServer server;

	private final transient JsonRpcCodec codec;

	private final transient OpenStreams streams;

	private final Settings settings;

	private final transient LegacySessions legacySessions;

	/**
	 * @param server the protocol core
	 * @param codec reads and writes JSON-RPC
	 * @param streams tracks the open server-to-client streams
	 * @param settings limits and mode
	 */
	public StreamableHttpTransportServlet(McpServer server, JsonRpcCodec codec, OpenStreams streams,
			Settings settings) {
		this(server, codec, streams, settings, null);
	}

	/**
	 * @param server the protocol core
	 * @param codec reads and writes JSON-RPC
	 * @param streams tracks the open server-to-client streams
	 * @param settings limits and mode
	 * @param eventLog where a fleet keeps the sessions' events ({@code null}: in each session's stream)
	 * @since 0.3.0
	 */
	public StreamableHttpTransportServlet(McpServer server, JsonRpcCodec codec, OpenStreams streams,
			Settings settings, @Nullable SessionEventLog eventLog) {
		this.server = server;
		this.codec = codec;
		this.streams = streams;
		this.settings = settings;
		this.legacySessions = LegacySessions.of(settings.stateless(), server.sessions(), server.liveSessions(), codec,
				settings.replayBufferSize(), settings.retryMillis(), server.fleet(), eventLog);
	}

	/**
	 * How the transport behaves.
	 *
	 * @param maxRequestBytes the largest request body accepted
	 * @param stateless whether to serve every POST on its own, without sessions
	 * @param replayBufferSize how many server-to-client messages a session keeps for resumption
	 * @param retryMillis the reconnection delay announced on streams
	 * @param resourceMetadata where clients find the OAuth metadata, for scope challenges
	 */
	public record Settings(long maxRequestBytes, boolean stateless, int replayBufferSize, long retryMillis,
			ResourceMetadataLocator resourceMetadata) {

		public Settings(long maxRequestBytes, boolean stateless, int replayBufferSize, long retryMillis) {
			this(maxRequestBytes, stateless, replayBufferSize, retryMillis, ResourceMetadataLocator.NONE);
		}

		/**
		 * The versions this transport serves, newest first: the modern era, served statelessly
		 * whatever the mode, and the legacy versions of Streamable HTTP, with sessions unless
		 * {@link #stateless()}.
		 */
		public List<String> versions() {
			return ProtocolVersions.STREAMABLE_HTTP;
		}

	}

	@Override
	protected void service(HttpServletRequest request, HttpServletResponse response)
			throws ServletException, IOException {
		if (HttpMessages.hasAmbiguousAuthorization(request)) {
			sendError(response, HttpServletResponse.SC_BAD_REQUEST, JsonRpcError.ErrorCodes.TRANSPORT_ERROR,
					"Bad Request: send one Authorization header, not several");
			return;
		}
		try {
			dispatch(request, response);
		}
		catch (McpSessionStore.SessionStoreUnavailableException ex) {
			// A shared store that does not answer: a clear 503 now, not a hang; it recovers by itself.
			HttpMessages.storeUnavailable(response, ex, null, this.codec);
		}
	}

	private void dispatch(HttpServletRequest request, HttpServletResponse response) throws IOException {
		switch (request.getMethod()) {
			case "POST" -> doPost(request, response);
			case "GET" -> {
				if (this.legacySessions.hasSessions()) {
					doGet(request, response);
				}
				else {
					methodNotAllowed(response, "POST", "Method Not Allowed: a stateless server offers no stream; use POST");
				}
			}
			case "DELETE" -> {
				if (this.legacySessions.hasSessions()) {
					doDelete(request, response);
				}
				else {
					methodNotAllowed(response, "POST", "Method Not Allowed: a stateless server has no sessions to end");
				}
			}
			default -> methodNotAllowed(response, this.legacySessions.hasSessions() ? "GET, POST, DELETE" : "POST",
					"Method Not Allowed: use POST for messages, GET for the stream and DELETE to end a session");
		}
	}

	private void methodNotAllowed(HttpServletResponse response, String allow, String message) throws IOException {
		response.setHeader(HttpHeaders.ALLOW, allow);
		sendError(response, HttpServletResponse.SC_METHOD_NOT_ALLOWED, JsonRpcError.ErrorCodes.TRANSPORT_ERROR, message);
	}

	@Override
	protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
		if (!HttpMessages.isJson(request.getContentType())) {
			sendError(response, HttpServletResponse.SC_UNSUPPORTED_MEDIA_TYPE, JsonRpcError.ErrorCodes.TRANSPORT_ERROR,
					"Unsupported Media Type: Content-Type must be application/json");
			return;
		}
		if (HttpMessages.declaresOtherCharsetThanUtf8(request.getContentType())) {
			sendError(response, HttpServletResponse.SC_BAD_REQUEST, JsonRpcError.ErrorCodes.TRANSPORT_ERROR,
					"Bad Request: the body must be UTF-8");
			return;
		}
		ResponseFormat format = ResponseFormat.of(request.getHeader(HttpHeaders.ACCEPT));
		if (format == null) {
			sendError(response, HttpServletResponse.SC_NOT_ACCEPTABLE, JsonRpcError.ErrorCodes.TRANSPORT_ERROR,
					"Not Acceptable: Accept must include application/json or text/event-stream");
			return;
		}
		byte[] body = HttpMessages.readBody(request, this.settings.maxRequestBytes());
		if (body == null) {
			sendError(response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, JsonRpcError.ErrorCodes.TRANSPORT_ERROR,
					"Payload Too Large: the limit is " + this.settings.maxRequestBytes() + " bytes");
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
		Object id = JsonRpcMessage.idOf(message);
		try {
			serve(request, response, message, format, id);
		}
		catch (McpSessionStore.SessionStoreUnavailableException ex) {
			// The request was read: the refusal names its id.
			HttpMessages.storeUnavailable(response, ex, id, this.codec);
		}
	}

	private void serve(HttpServletRequest request, HttpServletResponse response, JsonRpcMessage message,
			ResponseFormat format, @Nullable Object id) throws IOException {
		McpSession session = null;
		boolean initialize = message instanceof JsonRpcMessage.Request call && McpMethods.INITIALIZE.equals(call.method());
		if (!initialize) {
			try {
				session = this.legacySessions.named(request);
			}
			catch (LegacySessions.UnknownSessionException ex) {
				// 404 tells the client to start over with a new initialize.
				sendError(response, HttpServletResponse.SC_NOT_FOUND, id, JsonRpcError.ErrorCodes.SESSION_NOT_FOUND,
						"Session not found");
				return;
			}
		}
		// A call from a client that takes a stream may get one: its notifications and requests to the
		// client (an elicitation), then its result.
		CallStream callStream = (format != ResponseFormat.JSON && message instanceof JsonRpcMessage.Request call
				&& STREAMED_METHODS.contains(call.method())) ? new CallStream(response, this.codec) : null;
		StreamableExchange exchange = new StreamableExchange(request, response, session, callStream);
		McpReply reply;
		try {
			reply = this.server.serve(message, exchange);
		}
		catch (McpSessionStore.SessionQuotaExceededException | OpenStreams.StreamQuotaExceededException ex) {
			// 429: this principal's quota is full while others are served; 503 is the server's own ceiling.
			closeQuietly(callStream);
			response.setHeader(HttpHeaders.RETRY_AFTER, "60");
			sendError(response, 429, id, JsonRpcError.ErrorCodes.TRANSPORT_ERROR, ex.getMessage());
			return;
		}
		catch (HttpMessages.NamelessPrincipalException ex) {
			closeQuietly(callStream);
			sendError(response, HttpServletResponse.SC_FORBIDDEN, id, JsonRpcError.ErrorCodes.TRANSPORT_ERROR,
					ex.getMessage());
			return;
		}
		catch (McpSessionStore.SessionLimitExceededException | McpExchange.TransportRefusedException ex) {
			// The server's own ceiling, or a stream it could not open now: nothing this caller did.
			closeQuietly(callStream);
			response.setHeader(HttpHeaders.RETRY_AFTER, "60");
			sendError(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, id, JsonRpcError.ErrorCodes.TRANSPORT_ERROR,
					ex.getMessage());
			return;
		}
		try {
			if (callStream != null && callStream.finish(reply.response())) {
				// The answer went on the call's own stream.
				return;
			}
		}
		finally {
			closeQuietly(callStream);
		}
		respond(request, response, reply, format);
	}

	private void respond(HttpServletRequest request, HttpServletResponse response, McpReply reply, ResponseFormat format)
			throws IOException {
		JsonRpcMessage.Response answer = reply.response();
		switch (reply.status()) {
			case ANSWERED -> {
				McpSession opened = reply.session();
				// An initialize opened a session: its id goes with the answer.
				if (opened != null && !opened.id().equals(request.getHeader(McpHttpHeaders.SESSION_ID))) {
					response.setHeader(McpHttpHeaders.SESSION_ID, opened.id());
				}
				answer(request, response, answer, format);
			}
			case ACCEPTED -> response.setStatus(HttpServletResponse.SC_ACCEPTED);
			// Cancelled by the client, which no longer waits for an answer.
			case CANCELLED -> {
				if (!response.isCommitted()) {
					response.setStatus(HttpServletResponse.SC_NO_CONTENT);
				}
			}
			// The stream is open and answers from now on.
			case STREAMING -> {
			}
			case MALFORMED -> send(response, HttpServletResponse.SC_BAD_REQUEST, answer, ResponseFormat.JSON);
			// A 404 with -32601 tells a modern client the method is not here, as opposed to no MCP endpoint.
			case UNKNOWN_METHOD -> send(response, HttpServletResponse.SC_NOT_FOUND, answer, ResponseFormat.JSON);
			case SESSION_REQUIRED -> send(response, HttpServletResponse.SC_BAD_REQUEST,
					JsonRpcMessage.Response.error(answer.id(), new JsonRpcError(JsonRpcError.ErrorCodes.TRANSPORT_ERROR,
							"Bad Request: Mcp-Session-Id header is required; send initialize first")),
					ResponseFormat.JSON);
		}
	}

	private static void closeQuietly(@Nullable CallStream stream) {
		if (stream != null) {
			stream.close();
		}
	}

	/** Sends an answer: 200, or 403 with a step-up challenge for an insufficient scope. */
	private void answer(HttpServletRequest request, HttpServletResponse response, JsonRpcMessage.Response answer,
			ResponseFormat format) throws IOException {
		if (ScopeChallenges.isInsufficientScope(answer)) {
			ScopeChallenges.challenge(request, response, answer, this.settings.resourceMetadata());
			send(response, HttpServletResponse.SC_FORBIDDEN, ScopeChallenges.withResourceMetadata(answer,
					this.settings.resourceMetadata().resourceMetadataUrl(request)), ResponseFormat.JSON);
			return;
		}
		send(response, HttpServletResponse.SC_OK, answer, format);
	}

	/**
	 * One POST as the protocol core sees it: the versions this transport serves, the session the
	 * request names, and what only HTTP can do (open a session with its resumable stream, open a
	 * listen stream, check the modern headers against the body).
	 */
	private final class StreamableExchange implements McpExchange {

		private final HttpServletRequest request;

		private final HttpServletResponse response;

		private final @Nullable McpSession session;

		private final @Nullable CallStream callStream;

		private final TransportContext transport;

		StreamableExchange(HttpServletRequest request, HttpServletResponse response, @Nullable McpSession session,
				@Nullable CallStream callStream) {
			this.request = request;
			this.response = response;
			this.session = session;
			this.callStream = callStream;
			this.transport = HttpMessages.context(TransportContext.STREAMABLE_HTTP, request, response);
		}

		@Override
		public TransportContext transport() {
			return this.transport;
		}

		@Override
		public List<String> versions() {
			return StreamableHttpTransportServlet.this.settings.versions();
		}

		@Override
		public @Nullable McpSession session() {
			return this.session;
		}

		@Override
		public @Nullable String declaredVersion() {
			String version = this.request.getHeader(McpHttpHeaders.PROTOCOL_VERSION);
			return (version != null) ? version.strip() : null;
		}

		@Override
		public boolean servesLegacyWithoutSession() {
			return StreamableHttpTransportServlet.this.legacySessions.servesWithoutSession();
		}

		@Override
		public McpMessageSink notifications() {
			return (this.callStream != null) ? this.callStream : McpMessageSink.NONE;
		}

		@Override
		public @Nullable McpSession openSession(String protocolVersion, @Nullable Implementation clientInfo) {
			return StreamableHttpTransportServlet.this.legacySessions.open(this.request, protocolVersion, clientInfo);
		}

		@Override
		public @Nullable McpMessageSink openStream(Runnable onClose) {
			SseStream stream;
			try {
				stream = StreamableHttpTransportServlet.this.streams.open(TransportContext.STREAMABLE_HTTP, this.request,
						this.response, null, HttpMessages.sessionOwner(this.request), (closed) -> onClose.run());
			}
			catch (IOException ex) {
				throw new McpExchange.TransportRefusedException("The stream could not be opened");
			}
			JsonRpcCodec codec = StreamableHttpTransportServlet.this.codec;
			return (message) -> stream.send(null, "message", codec.toBytes(message));
		}

		@Override
		public @Nullable JsonRpcError checkEnvelope(JsonRpcMessage.Request call, RequestMeta meta,
				Predicate<RegisteredTool> visible) {
			return ModernEnvelope.check(this.request, call, meta, StreamableHttpTransportServlet.this.server.tools(),
					visible);
		}

	}

	/**
	 * The SSE response of one call, opened at its first notification. Once the call has finished,
	 * nothing more is sent: its result is the last event of the stream, and a notification that a
	 * thread of the tool sends later has no place. When the client closes it, the actions
	 * registered with {@link #onClose} run (a modern call is cancelled so).
	 */
	private static final class CallStream implements McpMessageSink {

		private final HttpServletResponse response;

		private final JsonRpcCodec codec;

		private @Nullable SseStream stream;

		private boolean finished;

		private boolean gone;

		private final List<Runnable> closeActions = new java.util.ArrayList<>(1);

		CallStream(HttpServletResponse response, JsonRpcCodec codec) {
			this.response = response;
			this.codec = codec;
		}

		@Override
		public boolean send(JsonRpcMessage message) {
			boolean sent;
			synchronized (this) {
				if (this.finished) {
					return false;
				}
				if (this.stream == null) {
					try {
						this.stream = SseStream.openForRequest(this.response);
					}
					catch (IOException ex) {
						this.gone = true;
					}
				}
				sent = !this.gone && this.stream.send(null, "message", this.codec.toBytes(message));
				if (!sent) {
					this.gone = true;
				}
			}
			if (!sent) {
				// Outside the lock: an action may do anything.
				runCloseActions();
			}
			return sent;
		}

		@Override
		public void onClose(Runnable action) {
			synchronized (this) {
				this.closeActions.add(action);
			}
		}

		private void runCloseActions() {
			List<Runnable> actions;
			synchronized (this) {
				actions = List.copyOf(this.closeActions);
				this.closeActions.clear();
			}
			actions.forEach(Runnable::run);
		}

		/**
		 * Finishes the call: sends its result on the stream, if one was opened.
		 * @param answer the result, or {@code null} when there is none (a cancelled call)
		 * @return whether a stream was opened; if not, the caller answers (and the answer is
		 * written once, by the caller)
		 */
		synchronized boolean finish(JsonRpcMessage.@Nullable Response answer) {
			this.finished = true;
			if (this.stream == null) {
				return false;
			}
			if (answer != null && !this.gone) {
				this.stream.send(null, "message", this.codec.toBytes(answer));
			}
			return true;
		}

		synchronized void close() {
			this.finished = true;
			if (this.stream != null) {
				this.stream.close();
			}
		}

	}

	/**
	 * Opens the session's server-to-client stream, resuming after {@code Last-Event-ID} when the
	 * client sends one.
	 */
	@Override
	protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
		String accept = request.getHeader(HttpHeaders.ACCEPT);
		if (accept != null && !acceptsEventStream(accept)) {
			sendError(response, HttpServletResponse.SC_NOT_ACCEPTABLE, JsonRpcError.ErrorCodes.TRANSPORT_ERROR,
					"Not Acceptable: the stream is text/event-stream");
			return;
		}
		McpSession session = requireSession(request, response,
				"Bad Request: Mcp-Session-Id header is required; send initialize first");
		// The version is not checked against the session's: some clients send their latest here.
		if (session == null || !requireSupportedVersion(request, response)) {
			return;
		}
		SessionStream resumable = this.legacySessions.stream(session);
		if (resumable == null) {
			methodNotAllowed(response, "POST, DELETE", "Method Not Allowed: this session has no stream");
			return;
		}
		Long lastEventId = parseEventId(request.getHeader(McpHttpHeaders.LAST_EVENT_ID));
		SseStream stream;
		try {
			stream = this.streams.open(TransportContext.STREAMABLE_HTTP, request, response, session.id(),
					session.sessionOwner(), resumable::disconnect);
		}
		catch (OpenStreams.StreamQuotaExceededException ex) {
			response.setHeader(HttpHeaders.RETRY_AFTER, "60");
			sendError(response, 429, JsonRpcError.ErrorCodes.TRANSPORT_ERROR, ex.getMessage());
			return;
		}
		try {
			resumable.connect(stream, lastEventId);
		}
		catch (McpSessionStore.SessionStoreUnavailableException ex) {
			// The stream is open already, with nothing to carry: the client sees it end, and retries.
			stream.close();
		}
	}

	private static @Nullable Long parseEventId(@Nullable String header) {
		if (header == null || header.isBlank()) {
			return null;
		}
		try {
			return Long.parseLong(header.trim());
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	private static boolean acceptsEventStream(String accept) {
		try {
			for (MediaType mediaType : MediaType.parseMediaTypes(accept)) {
				if (mediaType.includes(MediaType.TEXT_EVENT_STREAM)) {
					return true;
				}
			}
		}
		catch (InvalidMediaTypeException ex) {
			// not acceptable
		}
		return false;
	}

	@Override
	protected void doDelete(HttpServletRequest request, HttpServletResponse response) throws IOException {
		McpSession session = requireSession(request, response, "Bad Request: DELETE needs the Mcp-Session-Id header");
		if (session == null) {
			return;
		}
		if (!this.server.sessions().remove(session.id())) {
			// Ended meanwhile (expired, or another DELETE).
			sendError(response, HttpServletResponse.SC_NOT_FOUND, JsonRpcError.ErrorCodes.SESSION_NOT_FOUND,
					"Session not found");
			return;
		}
		response.setStatus(HttpServletResponse.SC_NO_CONTENT);
	}

	/**
	 * The session a GET or DELETE names (found as a POST's is, by {@link LegacySessions}), or
	 * {@code null} once the refusal is sent: 400 without the header, 404 for a session unknown to
	 * this caller.
	 */
	private @Nullable McpSession requireSession(HttpServletRequest request, HttpServletResponse response,
			String missing) throws IOException {
		McpSession session;
		try {
			session = this.legacySessions.named(request);
		}
		catch (LegacySessions.UnknownSessionException ex) {
			// 404 tells the client to start over with a new initialize.
			sendError(response, HttpServletResponse.SC_NOT_FOUND, JsonRpcError.ErrorCodes.SESSION_NOT_FOUND,
					"Session not found");
			return null;
		}
		if (session == null) {
			sendError(response, HttpServletResponse.SC_BAD_REQUEST, JsonRpcError.ErrorCodes.TRANSPORT_ERROR, missing);
		}
		return session;
	}

	/** Whether the {@code MCP-Protocol-Version} a GET names, if any, is served; a 400 is sent if not. */
	private boolean requireSupportedVersion(HttpServletRequest request, HttpServletResponse response)
			throws IOException {
		String version = request.getHeader(McpHttpHeaders.PROTOCOL_VERSION);
		if (version != null && !this.settings.versions().contains(version)) {
			sendError(response, HttpServletResponse.SC_BAD_REQUEST, JsonRpcError.ErrorCodes.TRANSPORT_ERROR,
					"Bad Request: unsupported MCP-Protocol-Version '" + version + "'; supported: "
							+ String.join(", ", this.settings.versions()));
			return false;
		}
		return true;
	}

	private void sendError(HttpServletResponse response, int status, int code, String message) throws IOException {
		sendError(response, status, null, code, message);
	}

	/** An error about a request, with its id when it could be read, so that the client can match it. */
	private void sendError(HttpServletResponse response, int status, @Nullable Object id, int code, String message)
			throws IOException {
		send(response, status, JsonRpcMessage.Response.error(id, new JsonRpcError(code, message)), ResponseFormat.JSON);
	}

	private void send(HttpServletResponse response, int status, JsonRpcMessage.Response message, ResponseFormat format)
			throws IOException {
		response.setStatus(status);
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		OutputStream out = response.getOutputStream();
		if (format == ResponseFormat.SSE) {
			// One event, no id: this stream ends with the response and is never resumed.
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

		/** Only JSON. */
		JSON,

		/** JSON, or a stream when the request needs one. */
		JSON_OR_SSE,

		/** Only a stream. */
		SSE;

		/** {@code null} when the client takes neither JSON nor SSE. */
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
			boolean json = false;
			boolean sse = false;
			for (MediaType mediaType : accepted) {
				json |= mediaType.includes(MediaType.APPLICATION_JSON);
				sse |= mediaType.includes(MediaType.TEXT_EVENT_STREAM);
			}
			if (json) {
				return sse ? JSON_OR_SSE : JSON;
			}
			return sse ? SSE : null;
		}

	}

}
