package io.github.mcpstarter.security;

import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

import io.github.mcpstarter.McpResourceUpdatedEvent;
import io.github.mcpstarter.security.SecureMcpHttp.SseConnection;

import static io.github.mcpstarter.security.SecureMcpHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Attacks on resources, prompts and completions over real HTTP with real JWTs: a template value
 * that routes the read to another endpoint, a hidden resource revealed by which answer a URI gets,
 * subscriptions to what the caller may not read, encoded traversal, and error texts.
 */
@SpringBootTest(classes = DisclosureFixtureApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.autoconfigure.exclude=", "mcp.server.security.allow-unauthenticated=false",
				"spring.application.name=attack-service", "mcp.server.session.max-sessions-per-principal=10000" })
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ResourceDisclosureAndRoutingTests {

	private static final String META = "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
			+ "\"io.modelcontextprotocol/clientCapabilities\":{}}";

	@LocalServerPort
	int port;

	@Autowired
	ApplicationEventPublisher events;

	SecureMcpHttp http;

	@DynamicPropertySource
	static void trustTheTestIssuer(DynamicPropertyRegistry registry) {
		LocalIssuer.registerIssuerUri(registry);
	}

	@BeforeEach
	void createClient() {
		this.http = new SecureMcpHttp("http://127.0.0.1:" + this.port);
	}

	String token(String subject, String... scopes) {
		return LocalIssuer.get().token(subject).audience("http://127.0.0.1:" + this.port + "/mcp").scopes(scopes).sign();
	}

	// Finding: a template's URI can be dispatched to another handler than the template's

	@Test
	void aTemplateUriThatMvcMapsToAScopedToolsHandlerSkipsTheToolsScope() throws Exception {
		String token = token("bob", "docs.read");
		String session = this.http.openSession(token);
		HttpResponse<String> tool = this.http.callTool(token, session, "admin_stats", "{}");
		assertThat(tool.statusCode()).as("the tool itself needs docs.admin: step-up").isEqualTo(403);
		HttpResponse<String> read = this.http.request(token, session, 2, "resources/read",
				"{\"uri\":\"docs://admin-stats\"}");
		assertThat(read.body()).as("docs://admin-stats ran GET /docs/admin-stats, the docs.admin tool's handler, "
				+ "not the template's doc(name)").doesNotContain("SECRET STATS");
	}

	// Finding: a hidden exact resource shadows a visible template (existence oracle), e2e with a URL rule

	@Test
	void aResourceHiddenByAUrlRuleIsRevealedByTheVisibleTemplateThatCoversItsUri() throws Exception {
		String token = token("bob", "docs.read");
		String session = this.http.openSession(token);
		JsonNode control = json(this.http.request(token, session, 2, "resources/read", "{\"uri\":\"docs://admin-reporx\"}"));
		assertThat(control.at("/result/contents/0/text").asString()).isEqualTo("doc admin-reporx");
		JsonNode hidden = json(this.http.request(token, session, 3, "resources/read", "{\"uri\":\"docs://admin-report\"}"));
		assertThat(hidden.has("error")).as("docs://admin-report answers " + hidden + " where any other name of "
				+ "docs://{name} answers contents: the hidden resource's existence shows").isFalse();
	}

	// Finding: subscriptions to a template URI the caller may not read (argument-dependent method security)

	@Test
	void subscribeToAUriWhoseReadIsRefusedIsAcceptedThough() throws Exception {
		String token = token("bob", "docs.read");
		String session = this.http.openSession(token);
		JsonNode read = json(this.http.request(token, session, 2, "resources/read", "{\"uri\":\"vault://alice\"}"));
		assertThat(read.at("/error/code").asInt()).as("bob may not read alice's vault").isEqualTo(-32002);
		JsonNode subscribe = json(this.http.request(token, session, 3, "resources/subscribe",
				"{\"uri\":\"vault://alice\"}"));
		assertThat(subscribe.at("/error/code").asInt())
			.as("subscribe to what a read answers as not found should be not found too, got " + subscribe)
			.isEqualTo(-32002);
	}

	@Test
	void updatesOfAResourceTheSessionMayNotReadReachIt() throws Exception {
		String token = token("bob", "docs.read");
		try (SseConnection sse = this.http.openSse(token)) {
			String endpoint = sse.next("endpoint").data();
			this.http.exchange("POST", endpoint, token, SecureMcpHttp.initializeRequest("2024-11-05"), Map.of());
			sse.nextResponse(1);
			this.http.exchange("POST", endpoint, token, SecureMcpHttp.request(2, "resources/read",
					"{\"uri\":\"vault://alice\"}"), Map.of());
			assertThat(sse.nextResponse(2).at("/error/code").asInt()).isEqualTo(-32002);
			this.http.exchange("POST", endpoint, token, SecureMcpHttp.request(3, "resources/subscribe",
					"{\"uri\":\"vault://alice\"}"), Map.of());
			sse.nextResponse(3);
			this.events.publishEvent(new McpResourceUpdatedEvent(this, "vault://alice"));
			this.http.exchange("POST", endpoint, token, SecureMcpHttp.request(4, "ping", "{}"), Map.of());
			JsonNode next = json(sse.next("message").data());
			assertThat(next.path("method").asString())
				.as("bob hears that alice's vault changed, which he may not read")
				.isNotEqualTo("notifications/resources/updated");
		}
	}

	@Test
	void encodedTraversalThroughATemplateReachesNoOtherPath() throws Exception {
		String token = token("bob", "docs.read");
		String session = this.http.openSession(token);
		for (String uri : new String[] { "docs://%2e%2e", "docs://..%2Fadmin%2Fdocs-report", "docs://%252e%252e",
				"docs://a%3Bx=1", "docs://%5C..%5Cadmin", "docs://admin-report%00", "docs://x?y=1" }) {
			String body = this.http.request(token, session, 2, "resources/read", "{\"uri\":\"" + uri + "\"}").body();
			assertThat(body).doesNotContain("admin report").doesNotContain("java.");
		}
	}

	// Probes that are expected to hold

	@Test
	void completionOnAHiddenPromptAnswersAsAnUnknownOne() throws Exception {
		String token = token("bob", "docs.read");
		String session = this.http.openSession(token);
		JsonNode hidden = json(this.http.request(token, session, 2, "completion/complete",
				"{\"ref\":{\"type\":\"ref/prompt\",\"name\":\"admin_prompt\"},\"argument\":{\"name\":\"topic\",\"value\":\"a\"}}"));
		JsonNode unknown = json(this.http.request(token, session, 3, "completion/complete",
				"{\"ref\":{\"type\":\"ref/prompt\",\"name\":\"admin_prompz\"},\"argument\":{\"name\":\"topic\",\"value\":\"a\"}}"));
		assertThat(hidden.at("/error/code").asInt()).isEqualTo(unknown.at("/error/code").asInt()).isEqualTo(-32602);
		assertThat(hidden.at("/error/message").asString().replace("admin_prompt", "X"))
			.isEqualTo(unknown.at("/error/message").asString().replace("admin_prompz", "X"));
		JsonNode get = json(this.http.request(token, session, 4, "prompts/get",
				"{\"name\":\"admin_prompt\",\"arguments\":{\"topic\":\"a\"}}"));
		assertThat(get.at("/error/message").asString()).isEqualTo("Unknown prompt: admin_prompt");
		String admin = token("root", "docs.read", "admin");
		String adminSession = this.http.openSession(admin);
		JsonNode allowed = json(this.http.request(admin, adminSession, 2, "completion/complete",
				"{\"ref\":{\"type\":\"ref/prompt\",\"name\":\"admin_prompt\"},\"argument\":{\"name\":\"topic\",\"value\":\"a\"}}"));
		assertThat(allowed.at("/result/completion/values").toString()).contains("alpha");
	}

	@Test
	void typeErrorsNameNoJavaType() throws Exception {
		String token = token("bob", "docs.read");
		String session = this.http.openSession(token);
		JsonNode read = json(this.http.request(token, session, 2, "resources/read", "{\"uri\":\"counts://abc\"}"));
		JsonNode get = json(this.http.request(token, session, 3, "prompts/get",
				"{\"name\":\"count_prompt\",\"arguments\":{\"n\":\"abc\"}}"));
		JsonNode big = json(this.http.request(token, session, 4, "resources/read",
				"{\"uri\":\"counts://99999999999999999999\"}"));
		for (JsonNode answer : new JsonNode[] { read, get, big }) {
			assertThat(answer.toString()).doesNotContain("java.").doesNotContain("Exception").doesNotContain("Integer");
		}
		HttpResponse<String> modern = modern(token, "resources/read", "counts://abc", "{\"uri\":\"counts://abc\"," + META + "}");
		assertThat(modern.body()).doesNotContain("java.").doesNotContain("Exception").doesNotContain("Integer");
	}

	@Test
	void modernEraNotFoundIsInvalidParamsWithUri() throws Exception {
		String token = token("bob", "docs.read");
		for (String uri : new String[] { "nope://x", "vault://alice" }) {
			JsonNode answer = json(modern(token, "resources/read", uri, "{\"uri\":\"" + uri + "\"," + META + "}"));
			assertThat(answer.at("/error/code").asInt()).as(uri + ": " + answer).isEqualTo(-32602);
			assertThat(answer.at("/error/data/uri").asString()).isEqualTo(uri);
		}
		// The hidden exact resource does not exist for bob: the visible template answers its URI, as any other.
		JsonNode shadowed = json(modern(token, "resources/read", "docs://admin-report",
				"{\"uri\":\"docs://admin-report\"," + META + "}"));
		assertThat(shadowed.at("/result/contents/0/text").asString()).as(shadowed.toString()).isEqualTo("doc admin-report");
	}

	private HttpResponse<String> modern(String token, String method, String name, String params) throws Exception {
		Map<String, String> headers = new HashMap<>();
		headers.put("MCP-Protocol-Version", "2026-07-28");
		headers.put("Mcp-Method", method);
		if (name != null) {
			headers.put("Mcp-Name", name);
		}
		return this.http.post("/mcp", SecureMcpHttp.request(9, method, params), token, headers);
	}

}
