package io.github.mcpstarter.protocol;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A hidden exact resource (or an earlier hidden template) must not shadow a visible template that
 * also matches its URI: else the caller would get "not found" exactly for the hidden URIs and
 * contents for every other URI the template covers, an existence oracle, in reads, subscribes and
 * listen acknowledgements alike.
 */
class ResourceShadowingTests {

	private static final String META = "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
			+ "\"io.modelcontextprotocol/clientCapabilities\":{}}";

	private final JsonMapper json = JsonMapper.builder().build();

	private final ResourceRegistry resources = new ResourceRegistry();

	private final ResourceTemplateRegistry templates = new ResourceTemplateRegistry();

	private final ResourceUpdates updates = new ResourceUpdates();

	private final McpSessionStore sessions = new InMemoryMcpSessionStore(Duration.ofMinutes(1), 10);

	private final Map<String, AccessPolicy.Access> access = new ConcurrentHashMap<>();

	private final McpServer server;

	ResourceShadowingTests() {
		AccessPolicy policy = (offering, context) -> this.access.getOrDefault(offering.name(),
				AccessPolicy.Access.ALLOWED);
		this.server = new McpServer(new Implementation("test", null, "1"), null, new ToolRegistry(), this.sessions, 10,
				policy, ToolCallObserver.NONE, false, 60_000,
				List.of(ResourcesFeature.factory(this.resources, this.templates, this.updates)));
		ResourceReader reader = (uri, variables, context) -> new ReadResourceResult(
				List.of(Content.EmbeddedResource.text(uri, "text/plain", "doc " + variables)));
		// A hidden exact resource and a hidden template, both before a visible catch-all template.
		this.resources.publish(List.of(new RegisteredResource(
				new Resource("docs://secret", "secret", null, null, "text/plain"), reader, null)));
		this.templates.publish(List.of(
				new RegisteredResourceTemplate(new ResourceTemplate("docs://internal-{id}", "internal", null, null, null),
						reader),
				new RegisteredResourceTemplate(new ResourceTemplate("docs://{name}", "doc", null, null, null), reader)));
		this.access.put("docs://secret", AccessPolicy.Access.HIDDEN);
		this.access.put("docs://internal-{id}", AccessPolicy.Access.HIDDEN);
	}

	@Test
	void aHiddenResourceUnderAVisibleTemplateReadsDifferentlyFromAnyOtherUriOfThatTemplate() {
		JsonRpcMessage.Response control = legacy("resources/read", "{\"uri\":\"docs://secreu\"}");
		assertThat(control.error()).as("the visible template serves any other name").isNull();
		JsonRpcMessage.Response hidden = legacy("resources/read", "{\"uri\":\"docs://secret\"}");
		// Expected: the hidden resource answers as a URI nothing (hidden) publishes would, i.e. like docs://secreu.
		assertThat(hidden.error()).as("docs://secret must be indistinguishable from docs://secreu").isNull();
	}

	@Test
	void aHiddenTemplateBeforeAVisibleOneIsRevealedByItsUrisReadingAsNotFound() {
		assertThat(legacy("resources/read", "{\"uri\":\"docs://internax-1\"}").error()).isNull();
		assertThat(legacy("resources/read", "{\"uri\":\"docs://internal-1\"}").error())
			.as("docs://internal-1 must be indistinguishable from docs://internax-1")
			.isNull();
	}

	@Test
	void subscribeRevealsTheHiddenResourceToo() {
		McpSession session = this.sessions.create(null, TransportContext.STREAMABLE_HTTP, "2025-11-25", null);
		this.server.liveSessions().attach(session, (message) -> true);
		McpRequestContext context = new McpRequestContext(session, "2025-11-25", TransportContext.EMPTY);
		assertThat(this.server.handle(request("resources/subscribe", "{\"uri\":\"docs://secreu\"}"), context).error())
			.isNull();
		assertThat(this.server.handle(request("resources/subscribe", "{\"uri\":\"docs://secret\"}"), context).error())
			.as("subscribe to docs://secret must answer as subscribe to docs://secreu")
			.isNull();
	}

	@Test
	void listenAcknowledgementRevealsTheHiddenResource() {
		Exchange exchange = new Exchange();
		this.server.serve(new JsonRpcMessage.Request("l", "subscriptions/listen",
				this.json.readTree("{\"notifications\":{\"resourceSubscriptions\":[\"docs://secret\",\"docs://secreu\"]},"
						+ META + "}")),
				exchange);
		JsonRpcMessage.Notification ack = (JsonRpcMessage.Notification) exchange.sent.get(0);
		assertThat(ack.params().at("/notifications/resourceSubscriptions").values()).extracting(JsonNode::asString)
			.as("both URIs are covered by the visible template docs://{name}; leaving one out reveals it")
			.containsExactly("docs://secret", "docs://secreu");
	}

	private JsonRpcMessage.Response legacy(String method, @Nullable String params) {
		return this.server.handle(request(method, params),
				new McpRequestContext(null, "2025-11-25", TransportContext.EMPTY));
	}

	private JsonRpcMessage.Request request(String method, @Nullable String params) {
		return new JsonRpcMessage.Request(1L, method, (params != null) ? this.json.readTree(params) : null);
	}

	private static final class Exchange implements McpExchange {

		final List<JsonRpcMessage> sent = new CopyOnWriteArrayList<>();

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
			return this.sent::add;
		}

	}

}
