package io.github.mcpstarter.protocol;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The modern era in the protocol core, without HTTP: which era serves a message, the order in
 * which a modern request is checked, and {@code subscriptions/listen} against a stream that may
 * close at any moment.
 */
class StatelessEraTests {

	private static final String META = "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
			+ "\"io.modelcontextprotocol/clientCapabilities\":{}}";

	private final JsonMapper json = JsonMapper.builder().build();

	private final ToolRegistry tools = new ToolRegistry();

	private final McpSessionStore sessions = new InMemoryMcpSessionStore(Duration.ofMinutes(1), 10);

	private final McpServer server = new McpServer(new Implementation("test", null, "1"), null, this.tools,
			this.sessions, 10);

	// Era selection

	@Test
	void requestWithModernMetaIsServedByTheModernEra() {
		McpReply reply = this.server.serve(request("tools/list", "{" + META + "}"), new FakeExchange());
		assertThat(reply.status()).isEqualTo(McpReply.Status.ANSWERED);
		assertThat(reply.response().result()).isInstanceOf(ModernResult.class);
		assertThat(reply.session()).isNull();
	}

	@Test
	void modernHeaderAloneClaimsTheRequestForTheModernEra() {
		FakeExchange exchange = new FakeExchange();
		exchange.declaredVersion = "2026-07-28";
		McpReply reply = this.server.serve(request("tools/list", "{}"), exchange);
		assertThat(reply.status()).isEqualTo(McpReply.Status.MALFORMED);
		assertThat(reply.response().error().code()).isEqualTo(-32602);
	}

	@Test
	void methodOnlyTheModernEraHasIsClaimedByItEvenWithoutMeta() {
		McpReply reply = this.server.serve(request("server/discover", null), new FakeExchange());
		assertThat(reply.status()).isEqualTo(McpReply.Status.MALFORMED);
		assertThat(reply.response().error().code()).isEqualTo(-32602);
	}

	@Test
	void initializeWithoutMetaIsServedByTheLegacyEra() {
		McpReply reply = this.server.serve(request("initialize", "{\"protocolVersion\":\"2025-11-25\"}"),
				new FakeExchange());
		assertThat(reply.status()).isEqualTo(McpReply.Status.ANSWERED);
		assertThat(reply.response().result()).isInstanceOf(InitializeResult.class);
		assertThat(((InitializeResult) reply.response().result()).protocolVersion()).isEqualTo("2025-11-25");
	}

	@Test
	void initializeWithModernMetaIsAnUnknownMethodOfTheModernEra() {
		McpReply reply = this.server.serve(request("initialize", "{\"protocolVersion\":\"2025-11-25\"," + META + "}"),
				new FakeExchange());
		assertThat(reply.status()).isEqualTo(McpReply.Status.UNKNOWN_METHOD);
		assertThat(reply.response().error().code()).isEqualTo(-32601);
	}

	@Test
	void requestNamingASessionIsServedByTheLegacyEraEvenWithModernMeta() {
		McpSession session = this.sessions.create(null, TransportContext.STREAMABLE_HTTP, "2025-11-25", null);
		FakeExchange exchange = new FakeExchange();
		exchange.session = session;
		exchange.declaredVersion = "2026-07-28";
		McpReply reply = this.server.serve(request("tools/list", "{" + META + "}"), exchange);
		assertThat(reply.status()).isEqualTo(McpReply.Status.ANSWERED);
		assertThat(reply.response().result()).isInstanceOf(ListToolsResult.class);
		assertThat(reply.session()).isSameAs(session);
		assertThat(this.server.serve(request("server/discover", "{" + META + "}"), exchange).response().error().code())
			.as("no discover in the legacy era")
			.isEqualTo(-32601);
	}

	@Test
	void transportThatServesNoModernVersionLeavesEveryRequestToTheLegacyEra() {
		FakeExchange exchange = new FakeExchange();
		exchange.versions = ProtocolVersions.SSE;
		exchange.legacyWithoutSession = true;
		McpReply list = this.server.serve(request("tools/list", "{" + META + "}"), exchange);
		assertThat(list.response().result()).isInstanceOf(ListToolsResult.class);
		McpReply discover = this.server.serve(request("server/discover", "{" + META + "}"), exchange);
		assertThat(discover.status()).isEqualTo(McpReply.Status.ANSWERED);
		assertThat(discover.response().error().code()).isEqualTo(-32601);
		assertThat(exchange.envelopeChecks).as("no modern header checks").isZero();
	}

	@Test
	void modernNotificationIsTakenWithoutEffect() {
		McpReply reply = this.server.serve(
				new JsonRpcMessage.Notification("notifications/initialized", this.json.readTree("{" + META + "}")),
				new FakeExchange());
		assertThat(reply.status()).isEqualTo(McpReply.Status.ACCEPTED);
		assertThat(reply.response()).isNull();
	}

	// Check order: _meta (-32602), envelope (-32020), version (-32022), method (-32601)

	@Test
	void metaIsCheckedBeforeTheEnvelope() {
		FakeExchange exchange = new FakeExchange();
		exchange.envelopeError = mismatch();
		exchange.declaredVersion = "2026-07-28";
		McpReply reply = this.server.serve(request("server/discover", "{}"), exchange);
		assertThat(reply.status()).isEqualTo(McpReply.Status.MALFORMED);
		assertThat(reply.response().error().code()).isEqualTo(-32602);
		assertThat(reply.response().id()).isEqualTo(1L);
		assertThat(exchange.envelopeChecks).isZero();
	}

	@Test
	void envelopeIsCheckedBeforeTheVersion() {
		FakeExchange exchange = new FakeExchange();
		exchange.envelopeError = mismatch();
		McpReply reply = this.server.serve(request("unknown/method", "{" + META.replace("2026-07-28", "v999.0.0") + "}"),
				exchange);
		assertThat(reply.status()).isEqualTo(McpReply.Status.MALFORMED);
		assertThat(reply.response().error().code()).isEqualTo(-32020);
		assertThat(exchange.envelopeChecks).isEqualTo(1);
	}

	@Test
	void versionIsCheckedBeforeTheMethod() {
		McpReply reply = this.server.serve(request("unknown/method", "{" + META.replace("2026-07-28", "v999.0.0") + "}"),
				new FakeExchange());
		assertThat(reply.status()).isEqualTo(McpReply.Status.MALFORMED);
		JsonRpcError error = reply.response().error();
		assertThat(error.code()).isEqualTo(-32022);
		@SuppressWarnings("unchecked")
		Map<String, Object> data = (Map<String, Object>) error.data();
		assertThat(data).containsEntry("requested", "v999.0.0").containsEntry("supported", ProtocolVersions.STREAMABLE_HTTP);
	}

	@Test
	void legacyVersionInModernMetaIsUnsupportedInThisEra() {
		McpReply reply = this.server.serve(request("tools/list", "{" + META.replace("2026-07-28", "2025-11-25") + "}"),
				new FakeExchange());
		assertThat(reply.response().error().code()).isEqualTo(-32022);
	}

	@Test
	void methodIsCheckedLast() {
		McpReply reply = this.server.serve(request("unknown/method", "{" + META + "}"), new FakeExchange());
		assertThat(reply.status()).isEqualTo(McpReply.Status.UNKNOWN_METHOD);
		assertThat(reply.response().error().code()).isEqualTo(-32601);
	}

	@Test
	void envelopeLearnsWhichToolsTheCallerMayKnowOf() {
		AccessPolicy policy = (tool, context) -> switch (tool.name()) {
			case "secret" -> AccessPolicy.Access.HIDDEN;
			case "scoped" -> AccessPolicy.Access.insufficientScope(List.of("admin"));
			default -> AccessPolicy.Access.ALLOWED;
		};
		McpServer guarded = new McpServer(new Implementation("test", null, "1"), null, this.tools, this.sessions, 10,
				policy);
		FakeExchange exchange = new FakeExchange();
		guarded.serve(request("tools/call", "{" + META + ",\"name\":\"secret\"}"), exchange);
		assertThat(exchange.visible).isNotNull();
		assertThat(exchange.visible.test(new RegisteredTool(tool("secret"), (arguments, context) -> null)))
			.as("a hidden tool's arguments are not checked: a mismatch would reveal it")
			.isFalse();
		assertThat(exchange.visible.test(new RegisteredTool(tool("scoped"), (arguments, context) -> null))).isTrue();
		assertThat(exchange.visible.test(new RegisteredTool(tool("open"), (arguments, context) -> null))).isTrue();
	}

	// Cache hints

	@Test
	void discoverAndToolsListCarryTheConfiguredCacheHints() {
		assertThat(((ModernResult) this.server.serve(request("server/discover", "{" + META + "}"), new FakeExchange())
			.response()
			.result()).ttlMs()).isEqualTo(McpServer.DEFAULT_CACHE_TTL_MILLIS).isEqualTo(60_000L);
		McpServer custom = new McpServer(new Implementation("test", null, "1"), null, this.tools, this.sessions, 10,
				AccessPolicy.ALLOW_ALL, ToolCallObserver.NONE, false, 5_000);
		ModernResult list = (ModernResult) custom.serve(request("tools/list", "{" + META + "}"), new FakeExchange())
			.response()
			.result();
		assertThat(list.ttlMs()).isEqualTo(5_000L);
		assertThat(list.cacheScope()).isEqualTo("public");
		assertThat(list.serverInfo().name()).isEqualTo("test");
	}

	// subscriptions/listen

	@Test
	void listenAcknowledgesThenForwardsToolChangesUntilTheStreamCloses() {
		FakeExchange exchange = new FakeExchange();
		McpReply reply = this.server.serve(listen("{\"toolsListChanged\":true}"), exchange);
		assertThat(reply.status()).isEqualTo(McpReply.Status.STREAMING);
		assertThat(reply.response()).isNull();
		assertThat(this.server.subscriptionCount()).isEqualTo(1);
		FakeStream stream = exchange.stream;
		assertThat(stream.sent).hasSize(1);
		JsonNode ack = this.json.valueToTree(stream.sent.get(0));
		assertThat(ack.get("method").asString()).isEqualTo("notifications/subscriptions/acknowledged");
		assertThat(ack.at("/params/_meta/io.modelcontextprotocol~1subscriptionId").asString()).isEqualTo("listen-1");
		assertThat(ack.at("/params/notifications/toolsListChanged").asBoolean()).isTrue();

		this.tools.publish(List.of(new RegisteredTool(tool("a"), (arguments, context) -> CallToolResult.text("a"))));
		assertThat(stream.sent).hasSize(2);
		JsonNode changed = this.json.valueToTree(stream.sent.get(1));
		assertThat(changed.get("method").asString()).isEqualTo("notifications/tools/list_changed");
		assertThat(changed.at("/params/_meta/io.modelcontextprotocol~1subscriptionId").asString()).isEqualTo("listen-1");

		stream.closeNow();
		assertThat(this.server.subscriptionCount()).isZero();
		this.tools.publish(List.of());
		assertThat(stream.sent).hasSize(2);
	}

	@Test
	void streamClosedBeforeTheSubscriptionIsAttachedLeavesNoSubscription() {
		FakeExchange exchange = new FakeExchange();
		// The client is gone as soon as the acknowledgement is written, before the subscription exists.
		exchange.closeOnFirstSend = true;
		McpReply reply = this.server.serve(listen("{\"toolsListChanged\":true}"), exchange);
		assertThat(reply.status()).isEqualTo(McpReply.Status.STREAMING);
		assertThat(this.server.subscriptionCount()).isZero();
		this.tools.publish(List.of(new RegisteredTool(tool("a"), (arguments, context) -> CallToolResult.text("a"))));
		assertThat(exchange.stream.sent).hasSize(1);
	}

	@Test
	void streamClosedConcurrentlyWithTheListenNeverLeavesASubscriptionBehind() throws Exception {
		for (int i = 0; i < 500; i++) {
			FakeExchange exchange = new FakeExchange();
			CountDownLatch acknowledged = new CountDownLatch(1);
			exchange.onFirstSend = acknowledged::countDown;
			Thread closer = new Thread(() -> {
				try {
					acknowledged.await(5, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				exchange.stream.closeNow();
			});
			exchange.beforeOpen = closer::start;
			this.server.serve(listen("{\"toolsListChanged\":true}"), exchange);
			closer.join(5000);
		}
		assertThat(this.server.subscriptionCount()).isZero();
	}

	@Test
	void listenForOtherNotificationsIsAcknowledgedWithNothingAndSubscribesToNothing() {
		FakeExchange exchange = new FakeExchange();
		this.server.serve(listen("{\"promptsListChanged\":true,\"resourcesListChanged\":true,"
				+ "\"resourceSubscriptions\":[\"test://x\"]}"), exchange);
		assertThat(this.server.subscriptionCount()).isZero();
		JsonNode ack = this.json.valueToTree(exchange.stream.sent.get(0));
		assertThat(ack.at("/params/notifications").isObject()).isTrue();
		assertThat(ack.at("/params/notifications").isEmpty()).isTrue();
		this.tools.publish(List.of(new RegisteredTool(tool("a"), (arguments, context) -> CallToolResult.text("a"))));
		assertThat(exchange.stream.sent).hasSize(1);
	}

	@Test
	void listenOnATransportWithoutStreamsIsAnUnknownMethod() {
		FakeExchange exchange = new FakeExchange();
		exchange.streams = false;
		McpReply reply = this.server.serve(listen("{\"toolsListChanged\":true}"), exchange);
		assertThat(reply.status()).isEqualTo(McpReply.Status.UNKNOWN_METHOD);
		assertThat(reply.response().error().code()).isEqualTo(-32601);
		assertThat(this.server.subscriptionCount()).isZero();
	}

	// Helpers

	private JsonRpcMessage.Request listen(String notifications) {
		return new JsonRpcMessage.Request("listen-1", "subscriptions/listen",
				this.json.readTree("{" + META + ",\"notifications\":" + notifications + "}"));
	}

	private JsonRpcMessage.Request request(String method, @Nullable String params) {
		return new JsonRpcMessage.Request(1L, method, (params != null) ? this.json.readTree(params) : null);
	}

	private Tool tool(String name) {
		return new Tool(name, null, name, this.json.createObjectNode().put("type", "object"), null, null);
	}

	private static JsonRpcError mismatch() {
		return new JsonRpcError(JsonRpcError.ErrorCodes.HEADER_MISMATCH, "Header mismatch: test");
	}

	/** A transport like Streamable HTTP, whose envelope and streams a test controls. */
	private static final class FakeExchange implements McpExchange {

		List<String> versions = ProtocolVersions.STREAMABLE_HTTP;

		@Nullable McpSession session;

		@Nullable String declaredVersion;

		boolean legacyWithoutSession;

		@Nullable JsonRpcError envelopeError;

		int envelopeChecks;

		@Nullable Predicate<RegisteredTool> visible;

		boolean streams = true;

		boolean closeOnFirstSend;

		@Nullable Runnable onFirstSend;

		@Nullable Runnable beforeOpen;

		@Nullable FakeStream stream;

		@Override
		public TransportContext transport() {
			return TransportContext.EMPTY;
		}

		@Override
		public List<String> versions() {
			return this.versions;
		}

		@Override
		public @Nullable McpSession session() {
			return this.session;
		}

		@Override
		public @Nullable String declaredVersion() {
			return this.declaredVersion;
		}

		@Override
		public boolean servesLegacyWithoutSession() {
			return this.legacyWithoutSession;
		}

		@Override
		public @Nullable JsonRpcError checkEnvelope(JsonRpcMessage.Request request, RequestMeta meta,
				Predicate<RegisteredTool> visible) {
			this.envelopeChecks++;
			this.visible = visible;
			return this.envelopeError;
		}

		@Override
		public @Nullable McpMessageSink openStream(Runnable onClose) {
			if (!this.streams) {
				return null;
			}
			this.stream = new FakeStream(onClose, this.closeOnFirstSend, this.onFirstSend);
			if (this.beforeOpen != null) {
				this.beforeOpen.run();
			}
			return this.stream;
		}

	}

	/** A listen stream: records what it is sent, and closes once, when told, running its close action. */
	private static final class FakeStream implements McpMessageSink {

		final List<JsonRpcMessage> sent = new CopyOnWriteArrayList<>();

		private final Runnable onClose;

		private final boolean closeOnFirstSend;

		private final @Nullable Runnable onFirstSend;

		private boolean closed;

		FakeStream(Runnable onClose, boolean closeOnFirstSend, @Nullable Runnable onFirstSend) {
			this.onClose = onClose;
			this.closeOnFirstSend = closeOnFirstSend;
			this.onFirstSend = onFirstSend;
		}

		@Override
		public boolean send(JsonRpcMessage message) {
			synchronized (this) {
				if (this.closed) {
					return false;
				}
				this.sent.add(message);
			}
			if (this.sent.size() == 1) {
				if (this.onFirstSend != null) {
					this.onFirstSend.run();
				}
				if (this.closeOnFirstSend) {
					closeNow();
				}
			}
			return true;
		}

		void closeNow() {
			synchronized (this) {
				if (this.closed) {
					return;
				}
				this.closed = true;
			}
			this.onClose.run();
		}

	}

}
