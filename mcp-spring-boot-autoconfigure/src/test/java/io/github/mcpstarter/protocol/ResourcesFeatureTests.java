package io.github.mcpstarter.protocol;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The resources feature in the protocol core, in both eras: lists filtered by the access policy
 * and paginated, reads (exact URI, then templates), the errors each revision's text gives, legacy
 * subscriptions and modern listen streams.
 */
class ResourcesFeatureTests {

	private static final String META = "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
			+ "\"io.modelcontextprotocol/clientCapabilities\":{}}";

	private final JsonMapper json = JsonMapper.builder().build();

	private final ResourceRegistry resources = new ResourceRegistry();

	private final ResourceTemplateRegistry templates = new ResourceTemplateRegistry();

	private final ResourceUpdates updates = new ResourceUpdates();

	private final McpSessionStore sessions = new InMemoryMcpSessionStore(Duration.ofMinutes(1), 10);

	/** By offering name, what the access policy says; ALLOWED for any other. */
	private final Map<String, AccessPolicy.Access> access = new java.util.concurrent.ConcurrentHashMap<>();

	private final List<Map<String, String>> reads = new CopyOnWriteArrayList<>();

	private final McpServer server = server(10);

	private McpServer server(int pageSize) {
		AccessPolicy policy = (offering, context) -> this.access.getOrDefault(offering.name(),
				AccessPolicy.Access.ALLOWED);
		return new McpServer(new Implementation("test", null, "1"), null, new ToolRegistry(), this.sessions, pageSize,
				policy, ToolCallObserver.NONE, false, 60_000,
				List.of(ResourcesFeature.factory(this.resources, this.templates, this.updates)));
	}

	ResourcesFeatureTests() {
		this.resources.publish(List.of(resource("test://a"), resource("test://b"), resource("test://secret"),
				resource("test://hidden/deep")));
		ResourceReader reader = (uri, variables, context) -> {
			this.reads.add(variables);
			return "test://items/404".equals(uri) ? null
					: new ReadResourceResult(List.of(Content.EmbeddedResource.text(uri, "application/json",
							"{\"id\":\"" + variables.get("id") + "\"}")));
		};
		this.templates.publish(List.of(
				new RegisteredResourceTemplate(new ResourceTemplate("test://items/{id}", "item", null, null, null),
						reader),
				new RegisteredResourceTemplate(new ResourceTemplate("test://{any}", "any", null, null, null), reader)));
		this.access.put("test://secret", AccessPolicy.Access.HIDDEN);
		// No template matches this one: hidden, it is not found at all.
		this.access.put("test://hidden/deep", AccessPolicy.Access.HIDDEN);
	}

	private RegisteredResource resource(String uri) {
		return new RegisteredResource(new Resource(uri, uri.substring(7), null, "the " + uri, "text/plain"),
				(read, variables, context) -> new ReadResourceResult(
						List.of(Content.EmbeddedResource.text(read, "text/plain", "contents of " + read))),
				null);
	}

	// Lists

	@Test
	void capabilitiesDeclareSubscribeAndListChangedInBothEras() {
		assertThat(this.server.capabilities()).containsEntry("resources", Map.of("subscribe", true, "listChanged", true));
	}

	@Test
	void listShowsOnlyWhatTheCallerMayReadInBothEras() {
		ListResourcesResult legacy = (ListResourcesResult) legacy("resources/list", "{}").result();
		assertThat(legacy.resources()).extracting(Resource::uri).containsExactly("test://a", "test://b");
		ModernResult modern = (ModernResult) modern("resources/list", "{" + META + "}").response().result();
		assertThat(((ListResourcesResult) modern.result()).resources()).hasSize(2);
		assertThat(modern.ttlMs()).isEqualTo(60_000L);
		assertThat(modern.cacheScope()).as("the policy decides what a caller sees").isEqualTo("private");
	}

	@Test
	void scopeProtectedResourceIsNotListedEither() {
		this.access.put("test://b", AccessPolicy.Access.insufficientScope(List.of("b.read")));
		ListResourcesResult list = (ListResourcesResult) legacy("resources/list", "{}").result();
		assertThat(list.resources()).extracting(Resource::uri).containsExactly("test://a");
	}

	@Test
	void listsArePaginatedOverWhatTheCallerSees() {
		McpServer paged = server(1);
		McpRequestContext context = legacyContext(null);
		ListResourcesResult first = (ListResourcesResult) paged.handle(request("resources/list", "{}"), context)
			.result();
		assertThat(first.resources()).extracting(Resource::uri).containsExactly("test://a");
		ListResourcesResult second = (ListResourcesResult) paged
			.handle(request("resources/list", "{\"cursor\":\"" + first.nextCursor() + "\"}"), context)
			.result();
		assertThat(second.resources()).extracting(Resource::uri).containsExactly("test://b");
		assertThat(second.nextCursor()).isNull();
		assertThat(paged.handle(request("resources/list", "{\"cursor\":\"bogus\"}"), context).error().code())
			.isEqualTo(-32602);
	}

	@Test
	void templatesAreListedInBothEras() {
		this.access.put("test://{any}", AccessPolicy.Access.HIDDEN);
		ListResourceTemplatesResult legacy = (ListResourceTemplatesResult) legacy("resources/templates/list", null)
			.result();
		assertThat(legacy.resourceTemplates()).extracting(ResourceTemplate::uriTemplate)
			.containsExactly("test://items/{id}");
		ModernResult modern = (ModernResult) modern("resources/templates/list", "{" + META + "}").response().result();
		assertThat(modern.ttlMs()).isNotNull();
		assertThat(modern.cacheScope()).isNotNull();
	}

	// Reads

	@Test
	void readOfAnExactUriComesBeforeTemplates() {
		ReadResourceResult read = (ReadResourceResult) legacy("resources/read", "{\"uri\":\"test://a\"}").result();
		assertThat(read.contents()).singleElement().satisfies((contents) -> {
			assertThat(contents.uri()).isEqualTo("test://a");
			assertThat(contents.text()).isEqualTo("contents of test://a");
		});
		assertThat(this.reads).as("no template read it").isEmpty();
	}

	@Test
	void readOfATemplatesUriGivesTheReaderItsVariablesFirstMatchingTemplateFirst() {
		ReadResourceResult read = (ReadResourceResult) legacy("resources/read", "{\"uri\":\"test://items/12\"}")
			.result();
		assertThat(read.contents().get(0).text()).isEqualTo("{\"id\":\"12\"}");
		assertThat(this.reads).containsExactly(Map.of("id", "12"));
		legacy("resources/read", "{\"uri\":\"test://other\"}");
		assertThat(this.reads).last().isEqualTo(Map.of("any", "other"));
	}

	@Test
	void modernReadCarriesCacheHintsAndIsImmediatelyStale() {
		ModernResult read = (ModernResult) modern("resources/read", "{\"uri\":\"test://a\"," + META + "}").response()
			.result();
		assertThat(read.result()).isInstanceOf(ReadResourceResult.class);
		assertThat(read.ttlMs()).isZero();
		assertThat(read.cacheScope()).isEqualTo("private");
	}

	@Test
	void unknownUriIsResourceNotFoundAsEachRevisionSays() {
		JsonRpcError legacy = legacy("resources/read", "{\"uri\":\"test://x/y\"}").error();
		assertThat(legacy.code()).isEqualTo(-32002);
		assertThat(legacy.data()).isEqualTo(Map.of("uri", "test://x/y"));
		JsonRpcError modern = modern("resources/read", "{\"uri\":\"test://x/y\"," + META + "}").response().error();
		assertThat(modern.code()).isEqualTo(-32602);
		assertThat(modern.message()).isEqualTo("Resource not found");
		assertThat(modern.data()).isEqualTo(Map.of("uri", "test://x/y"));
	}

	@Test
	void readerThatFindsNothingIsResourceNotFoundToo() {
		assertThat(legacy("resources/read", "{\"uri\":\"test://items/404\"}").error().code()).isEqualTo(-32002);
	}

	@Test
	void hiddenResourceIsAnsweredAsOneThatDoesNotExist() {
		JsonRpcError hidden = legacy("resources/read", "{\"uri\":\"test://hidden/deep\"}").error();
		JsonRpcError unknown = legacy("resources/read", "{\"uri\":\"test://nothing/here\"}").error();
		assertThat(hidden.code()).isEqualTo(unknown.code());
		assertThat(hidden.message()).isEqualTo(unknown.message());
		assertThat(modern("resources/read", "{\"uri\":\"test://hidden/deep\"," + META + "}").response().error().code())
			.isEqualTo(-32602);
		// A hidden resource that a visible template also matches is that template's, as any URI it covers.
		ReadResourceResult shadowed = (ReadResourceResult) legacy("resources/read", "{\"uri\":\"test://secret\"}")
			.result();
		assertThat(this.reads).containsExactly(Map.of("any", "secret"));
		assertThat(shadowed.contents()).hasSize(1);
	}

	@Test
	void resourceThatNeedsScopesIsAnInsufficientScopeErrorForStepUp() {
		this.access.put("test://b", AccessPolicy.Access.insufficientScope(List.of("b.read", "b.list")));
		JsonRpcError error = legacy("resources/read", "{\"uri\":\"test://b\"}").error();
		assertThat(error.code()).isEqualTo(-32003);
		assertThat(error.data()).isEqualTo(Map.of("error", "insufficient_scope", "scope", "b.read b.list"));
	}

	@Test
	void readWithoutAStringUriOrWithAnOversizedOneIsInvalidParams() {
		assertThat(legacy("resources/read", "{}").error().message()).contains("\"uri\"");
		assertThat(legacy("resources/read", "{\"uri\":5}").error().code()).isEqualTo(-32602);
		String huge = "test://" + "a".repeat(5000);
		JsonRpcError error = legacy("resources/read", "{\"uri\":\"" + huge + "\"}").error();
		assertThat(error.code()).isEqualTo(-32602);
		assertThat(error.message()).contains("uri").contains("4096").doesNotContain(huge);
	}

	// Legacy subscriptions

	@Test
	void subscribedSessionHearsOfItsResourceAndNoOtherSessionDoes() {
		List<JsonRpcMessage> heard = new ArrayList<>();
		List<JsonRpcMessage> other = new ArrayList<>();
		McpSession subscriber = session(heard);
		session(other);
		assertThat(handle(subscriber, "resources/subscribe", "{\"uri\":\"test://items/7\"}").result()).isEqualTo(Map.of());
		this.updates.updated("test://items/8");
		assertThat(heard).isEmpty();
		this.updates.updated("test://items/7");
		assertThat(heard).singleElement().satisfies((message) -> {
			JsonRpcMessage.Notification notification = (JsonRpcMessage.Notification) message;
			assertThat(notification.method()).isEqualTo("notifications/resources/updated");
			assertThat(notification.params().get("uri").asString()).isEqualTo("test://items/7");
		});
		assertThat(other).isEmpty();
		assertThat(handle(subscriber, "resources/unsubscribe", "{\"uri\":\"test://items/7\"}").result())
			.isEqualTo(Map.of());
		this.updates.updated("test://items/7");
		assertThat(heard).hasSize(1);
	}

	@Test
	void subscriptionToWhatTheCallerMayNotReadIsRefusedAsNotFound() {
		McpSession session = session(new ArrayList<>());
		assertThat(handle(session, "resources/subscribe", "{\"uri\":\"test://hidden/deep\"}").error().code())
			.isEqualTo(-32002);
		assertThat(handle(session, "resources/subscribe", "{\"uri\":\"nope:x\"}").error().code()).isEqualTo(-32002);
	}

	@Test
	void aSessionSubscribesToABoundedNumberOfResources() {
		McpSession session = session(new ArrayList<>());
		for (int i = 0; i < 100; i++) {
			assertThat(handle(session, "resources/subscribe", "{\"uri\":\"test://items/" + i + "\"}").error()).isNull();
		}
		assertThat(handle(session, "resources/subscribe", "{\"uri\":\"test://items/5\"}").error())
			.as("again: nothing new")
			.isNull();
		JsonRpcError error = handle(session, "resources/subscribe", "{\"uri\":\"test://items/100\"}").error();
		assertThat(error.code()).isEqualTo(-32602);
		assertThat(error.message()).contains("at most 100");
	}

	@Test
	void subscriptionsAreForgottenWhenTheSessionEnds() {
		List<JsonRpcMessage> heard = new ArrayList<>();
		McpSession session = session(heard);
		handle(session, "resources/subscribe", "{\"uri\":\"test://a\"}");
		ResourcesFeature feature = (ResourcesFeature) this.server.feature("resources/read");
		assertThat(feature.subscribedSessions()).isEqualTo(1);
		this.sessions.remove(session.id());
		assertThat(feature.subscribedSessions()).isZero();
		this.updates.updated("test://a");
		assertThat(heard).isEmpty();
	}

	@Test
	void subscribeWithoutASessionIsRefused() {
		assertThat(legacy("resources/subscribe", "{\"uri\":\"test://a\"}").error().code()).isEqualTo(-32600);
	}

	@Test
	void modernEraHasNoSubscribeMethods() {
		McpReply subscribe = modern("resources/subscribe", "{\"uri\":\"test://a\"," + META + "}");
		assertThat(subscribe.status()).isEqualTo(McpReply.Status.UNKNOWN_METHOD);
		assertThat(subscribe.response().error().code()).isEqualTo(-32601);
		assertThat(modern("resources/unsubscribe", "{\"uri\":\"test://a\"," + META + "}").status())
			.isEqualTo(McpReply.Status.UNKNOWN_METHOD);
	}

	// Modern listen streams

	@Test
	void listenStreamHearsOfTheReadableResourcesItListsTaggedWithItsId() {
		Exchange exchange = new Exchange();
		McpReply reply = this.server.serve(new JsonRpcMessage.Request("listen-1", "subscriptions/listen",
				this.json.readTree("{\"notifications\":{\"resourceSubscriptions\":[\"test://a\",\"test://hidden/deep\","
						+ "\"test://items/3\"],\"resourcesListChanged\":true}," + META + "}")),
				exchange);
		assertThat(reply.status()).isEqualTo(McpReply.Status.STREAMING);
		JsonRpcMessage.Notification ack = (JsonRpcMessage.Notification) exchange.sent.get(0);
		assertThat(ack.method()).isEqualTo("notifications/subscriptions/acknowledged");
		assertThat(ack.params().at("/notifications/resourceSubscriptions").values()).extracting(JsonNode::asString)
			.as("the hidden one is left out")
			.containsExactly("test://a", "test://items/3");
		assertThat(ack.params().at("/notifications/resourcesListChanged").asBoolean()).isTrue();
		this.updates.updated("test://hidden/deep");
		this.updates.updated("test://items/3");
		assertThat(exchange.sent).hasSize(2);
		JsonRpcMessage.Notification updated = (JsonRpcMessage.Notification) exchange.sent.get(1);
		assertThat(updated.method()).isEqualTo("notifications/resources/updated");
		assertThat(updated.params().get("uri").asString()).isEqualTo("test://items/3");
		assertThat(updated.params().at("/_meta/io.modelcontextprotocol~1subscriptionId").asString())
			.isEqualTo("listen-1");
		this.resources.publish(List.of(resource("test://a")));
		assertThat(((JsonRpcMessage.Notification) exchange.sent.get(2)).method())
			.isEqualTo("notifications/resources/list_changed");
		exchange.onClose.run();
		this.updates.updated("test://items/3");
		assertThat(exchange.sent).as("nothing after the stream closed").hasSize(3);
	}

	@Test
	void listenWithAMalformedOrOversizedResourceFilterIsRefusedBeforeAnyStreamOpens() {
		Exchange exchange = new Exchange();
		McpReply notArray = this.server.serve(request("subscriptions/listen",
				"{\"notifications\":{\"resourceSubscriptions\":\"test://a\"}," + META + "}"), exchange);
		assertThat(notArray.response().error().code()).isEqualTo(-32602);
		StringBuilder many = new StringBuilder();
		for (int i = 0; i < 101; i++) {
			many.append(i == 0 ? "" : ",").append("\"test://items/").append(i).append('"');
		}
		McpReply tooMany = this.server.serve(request("subscriptions/listen",
				"{\"notifications\":{\"resourceSubscriptions\":[" + many + "]}," + META + "}"), exchange);
		assertThat(tooMany.response().error().message()).contains("at most 100");
		assertThat(exchange.sent).isEmpty();
		assertThat(exchange.onClose).isNull();
	}

	// Helpers

	private JsonRpcMessage.Response legacy(String method, @Nullable String params) {
		return this.server.handle(request(method, params), legacyContext(null));
	}

	private JsonRpcMessage.Response handle(McpSession session, String method, String params) {
		return this.server.handle(request(method, params), legacyContext(session));
	}

	private McpReply modern(String method, String params) {
		return this.server.serve(request(method, params), new Exchange());
	}

	private McpRequestContext legacyContext(@Nullable McpSession session) {
		return new McpRequestContext(session, "2025-11-25", TransportContext.EMPTY);
	}

	private McpSession session(List<JsonRpcMessage> heard) {
		McpSession session = this.sessions.create(null, TransportContext.STREAMABLE_HTTP, "2025-11-25", null);
		this.server.liveSessions().attach(session, (message) -> heard.add(message));
		return session;
	}

	private JsonRpcMessage.Request request(String method, @Nullable String params) {
		return new JsonRpcMessage.Request(1L, method, (params != null) ? this.json.readTree(params) : null);
	}

	/** A transport like Streamable HTTP, whose listen stream records what it is sent. */
	private static final class Exchange implements McpExchange {

		final List<JsonRpcMessage> sent = new CopyOnWriteArrayList<>();

		@Nullable Runnable onClose;

		@Override
		public TransportContext transport() {
			return TransportContext.EMPTY;
		}

		@Override
		public List<String> versions() {
			return ProtocolVersions.STREAMABLE_HTTP;
		}

		@Override
		public @Nullable McpMessageSink openStream(Runnable onClose) {
			this.onClose = onClose;
			return this.sent::add;
		}

	}
}
