package io.github.mcpstarter.sample;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.modern.client.McpClient;
import io.modelcontextprotocol.modern.client.McpSyncClient;
import io.modelcontextprotocol.modern.client.transport.HttpClientMcpTransport;
import io.modelcontextprotocol.modern.client.transport.McpHttpRequestCustomizer;
import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample's two human-in-the-loop tools, with the MCP Java SDK's clients and with raw HTTP, each
 * with a real token of the embedded authorization server: {@code cancel_order}, which runs only
 * once the user confirmed it ({@code mcp.server.tools.confirm-destructive}), and
 * {@code set_order_note}, which asks the user for the note when the call has none.
 *
 * <p>What counts is what a user would check afterwards: the order's status and note, read over the
 * REST API.
 *
 * <p>A second client ({@code other-client}) is registered here only, to show that a
 * {@code requestState} is bound to the caller it was issued to.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
		properties = {
				"spring.security.oauth2.authorizationserver.client.other-client.registration.client-id=other-client",
				"spring.security.oauth2.authorizationserver.client.other-client.registration.client-secret={noop}other-secret",
				"spring.security.oauth2.authorizationserver.client.other-client.registration.client-authentication-methods=client_secret_basic",
				"spring.security.oauth2.authorizationserver.client.other-client.registration.authorization-grant-types=client_credentials",
				"spring.security.oauth2.authorizationserver.client.other-client.registration.scopes=orders.read,orders.write" })
class HumanInTheLoopJavaClientTests extends SampleAppTestSupport {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private static final String CONFIRMATION = "mcp_confirmation";

	private static final String DECLINED = "Not done: the user declined, so 'cancel_order' did not run and nothing was changed.";

	private static final String NOTE = "Leave it with the neighbour at no. 14.";

	private final List<AutoCloseable> closeables = new ArrayList<>();

	private String token;

	@BeforeEach
	void demoClientToken() {
		this.token = DemoAuthorizationServer.demoClientToken(this.port);
	}

	@AfterEach
	void closeClients() throws Exception {
		for (AutoCloseable closeable : this.closeables) {
			closeable.close();
		}
	}

	// ---------------------------------------------------------------------------------------
	// The 2025-11-25 client: the server asks over the session, and waits for the answer
	// ---------------------------------------------------------------------------------------

	@Test
	void legacyClientWhoseUserDeclinesLeavesTheOrderAsItWas() throws Exception {
		List<McpSchema.ElicitFormRequest> asked = new CopyOnWriteArrayList<>();
		io.modelcontextprotocol.client.McpSyncClient client = legacy((request) -> {
			asked.add(request);
			return new McpSchema.ElicitResult(McpSchema.ElicitResult.Action.DECLINE, null);
		});

		McpSchema.CallToolResult result = client
			.callTool(McpSchema.CallToolRequest.builder("cancel_order").arguments(Map.of("id", 1)).build());

		assertThat(result.isError()).isTrue();
		assertThat(legacyText(result)).isEqualTo(DECLINED);
		assertThat(asked).singleElement().satisfies((request) -> {
			assertThat(request.message()).contains("cancel_order");
			assertThat(request.requestedSchema()).containsEntry("type", "object");
		});
		assertThat(restOrder(1).at("/status").asString()).isEqualTo("NEW");
	}

	@Test
	void legacyClientWhoseUserConfirmsCancelsTheOrder() throws Exception {
		io.modelcontextprotocol.client.McpSyncClient client = legacy(
				(request) -> new McpSchema.ElicitResult(McpSchema.ElicitResult.Action.ACCEPT, Map.of()));

		McpSchema.CallToolResult result = client
			.callTool(McpSchema.CallToolRequest.builder("cancel_order").arguments(Map.of("id", 1)).build());

		assertThat(result.isError()).as("result %s", result).isNotEqualTo(Boolean.TRUE);
		assertThat(restOrder(1).at("/status").asString()).isEqualTo("CANCELLED");
	}

	@Test
	void legacyClientAnswersTheNoteTheToolAsksFor() throws Exception {
		List<McpSchema.ElicitFormRequest> asked = new CopyOnWriteArrayList<>();
		io.modelcontextprotocol.client.McpSyncClient client = legacy((request) -> {
			asked.add(request);
			return new McpSchema.ElicitResult(McpSchema.ElicitResult.Action.ACCEPT, Map.of("note", NOTE));
		});

		McpSchema.CallToolResult result = client
			.callTool(McpSchema.CallToolRequest.builder("set_order_note").arguments(Map.of("id", 2)).build());

		assertThat(result.isError()).as("result %s", result).isNotEqualTo(Boolean.TRUE);
		assertThat(asked).singleElement().satisfies((request) -> {
			assertThat(request.message()).contains("order #2");
			assertThat(JSON.valueToTree(request.requestedSchema()).at("/properties/note/type").asString())
				.isEqualTo("string");
			assertThat(JSON.valueToTree(request.requestedSchema()).at("/required/0").asString()).isEqualTo("note");
		});
		assertThat(restOrder(2).at("/note").asString()).isEqualTo(NOTE);
	}

	@Test
	void legacyClientWhoseUserGivesNoNoteGetsAToolErrorAndTheNoteStays() throws Exception {
		String before = restOrder(1).at("/note").asString();
		io.modelcontextprotocol.client.McpSyncClient client = legacy(
				(request) -> new McpSchema.ElicitResult(McpSchema.ElicitResult.Action.CANCEL, null));

		McpSchema.CallToolResult result = client
			.callTool(McpSchema.CallToolRequest.builder("set_order_note").arguments(Map.of("id", 1)).build());

		assertThat(result.isError()).isTrue();
		assertThat(legacyText(result)).contains("400", "the user gave none");
		assertThat(restOrder(1).at("/note").asString()).isEqualTo(before);
	}

	// ---------------------------------------------------------------------------------------
	// The 2026-07-28 client: input-required results, retried by the SDK with the answers
	// ---------------------------------------------------------------------------------------

	@Test
	void modernClientWhoseUserDeclinesLeavesTheOrderAsItWas() throws Exception {
		List<io.modelcontextprotocol.modern.McpSchema.ElicitFormRequest> asked = new CopyOnWriteArrayList<>();
		McpSyncClient client = modern((request) -> {
			asked.add(request);
			return io.modelcontextprotocol.modern.McpSchema.ElicitResult.decline();
		});

		io.modelcontextprotocol.modern.McpSchema.CallToolResult result = client.tool("cancel_order")
			.arguments(Map.of("id", 1))
			.call();

		assertThat(result.isError()).isTrue();
		assertThat(modernText(result)).isEqualTo(DECLINED);
		assertThat(asked).singleElement().satisfies((request) -> assertThat(request.message()).contains("cancel_order"));
		assertThat(restOrder(1).at("/status").asString()).isEqualTo("NEW");
	}

	@Test
	void modernClientWhoseUserConfirmsCancelsTheOrder() throws Exception {
		McpSyncClient client = modern((request) -> io.modelcontextprotocol.modern.McpSchema.ElicitResult.accept(Map.of()));

		io.modelcontextprotocol.modern.McpSchema.CallToolResult result = client.tool("cancel_order")
			.arguments(Map.of("id", 2))
			.call();

		assertThat(result.isError()).as("result %s", result).isNotEqualTo(Boolean.TRUE);
		assertThat(result.resultType()).isEqualTo("complete");
		assertThat(restOrder(2).at("/status").asString()).isEqualTo("CANCELLED");
	}

	@Test
	void modernClientAnswersTheNoteTheToolAsksFor() throws Exception {
		List<io.modelcontextprotocol.modern.McpSchema.ElicitFormRequest> asked = new CopyOnWriteArrayList<>();
		McpSyncClient client = modern((request) -> {
			asked.add(request);
			return io.modelcontextprotocol.modern.McpSchema.ElicitResult.accept(Map.of("note", NOTE));
		});

		io.modelcontextprotocol.modern.McpSchema.CallToolResult result = client.tool("set_order_note")
			.arguments(Map.of("id", 3))
			.call();

		assertThat(result.isError()).as("result %s", result).isNotEqualTo(Boolean.TRUE);
		assertThat(JSON.valueToTree(result.structuredContent()).at("/note").asString()).isEqualTo(NOTE);
		assertThat(asked).singleElement().satisfies((request) -> assertThat(request.message()).contains("order #3"));
		assertThat(restOrder(3).at("/note").asString()).isEqualTo(NOTE);
	}

	// ---------------------------------------------------------------------------------------
	// Plain REST: the same endpoints, nobody to ask
	// ---------------------------------------------------------------------------------------

	@Test
	void restCallWithoutANoteIsABadRequestAndWithOneSetsIt() throws Exception {
		HttpResponse<String> without = rest("PUT", "/api/orders/1/note");
		assertThat(without.statusCode()).isEqualTo(400);
		assertThat(JSON.readTree(without.body()).at("/detail").asString())
			.isEqualTo("No note was set on order 1: the request has no note and nobody could be asked for one.");
		HttpResponse<String> with = rest("PUT", "/api/orders/1/note?note=Ring%20twice.");
		assertThat(with.statusCode()).as(with.body()).isEqualTo(200);
		assertThat(restOrder(1).at("/note").asString()).isEqualTo("Ring twice.");
	}

	// ---------------------------------------------------------------------------------------
	// Raw 2026-07-28 requests: what a requestState is good for, and what it is not
	// ---------------------------------------------------------------------------------------

	@Test
	void tamperedRequestStateIsRefusedAndTheOrderStays() throws Exception {
		String state = askConfirmation(this.token, 1).at("/result/requestState").asString();
		// One character of the signature part changed, as a client might to forge a state.
		int at = state.length() - 3;
		String tampered = state.substring(0, at) + ((state.charAt(at) == 'A') ? 'B' : 'A') + state.substring(at + 1);

		JsonNode answer = cancel(this.token, 1, tampered, "accept");

		assertInvalidRequestState(answer);
		assertThat(restOrder(1).at("/status").asString()).isEqualTo("NEW");
	}

	@Test
	void requestStateIsSingleUseSoADeclineCannotBeReplayedAsAnAccept() throws Exception {
		String state = askConfirmation(this.token, 1).at("/result/requestState").asString();

		JsonNode declined = cancel(this.token, 1, state, "decline");
		assertThat(declined.at("/result/isError").asBoolean()).as("%s", declined).isTrue();
		assertThat(declined.at("/result/content/0/text").asString()).isEqualTo(DECLINED);

		JsonNode replayed = cancel(this.token, 1, state, "accept");
		assertInvalidRequestState(replayed);
		assertThat(restOrder(1).at("/status").asString()).isEqualTo("NEW");
	}

	@Test
	void requestStateIssuedToOneClientIsRefusedForAnother() throws Exception {
		String state = askConfirmation(this.token, 1).at("/result/requestState").asString();
		String otherToken = DemoAuthorizationServer.accessToken(DemoAuthorizationServer.tokenRequest(this.port,
				"other-client", "other-secret", Map.of("grant_type", "client_credentials", "resource",
						DemoAuthorizationServer.baseUrl(this.port) + "/mcp")));
		assertThat(DemoAuthorizationServer.claims(otherToken).at("/sub").asString()).isEqualTo("other-client");

		JsonNode answer = cancel(otherToken, 1, state, "accept");

		assertInvalidRequestState(answer);
		assertThat(restOrder(1).at("/status").asString()).isEqualTo("NEW");
		// Still unused: the client it was issued to can still answer it.
		assertThat(cancel(this.token, 1, state, "decline").at("/result/isError").asBoolean()).isTrue();
	}

	@Test
	void requestStateOfOneOrderIsRefusedForAnother() throws Exception {
		String stateForOrder1 = askConfirmation(this.token, 1).at("/result/requestState").asString();

		JsonNode answer = cancel(this.token, 2, stateForOrder1, "accept");

		assertInvalidRequestState(answer);
		assertThat(restOrder(2).at("/status").asString()).isEqualTo("PAID");
		assertThat(restOrder(1).at("/status").asString()).isEqualTo("NEW");
	}

	@Test
	void confirmationWithoutTheRequestStateThatAskedItIsAskedAgain() throws Exception {
		JsonNode answer = cancel(this.token, 1, null, "accept");

		assertThat(answer.at("/error").isMissingNode()).as("%s", answer).isTrue();
		assertThat(answer.at("/result/resultType").asString()).isEqualTo("input_required");
		assertThat(answer.at("/result/inputRequests/" + CONFIRMATION + "/method").asString())
			.isEqualTo("elicitation/create");
		assertThat(answer.at("/result/requestState").asString()).isNotEmpty();
		assertThat(restOrder(1).at("/status").asString()).isEqualTo("NEW");
	}

	@Test
	void confirmationWithItsRequestStateCancelsTheOrder() throws Exception {
		String state = askConfirmation(this.token, 1).at("/result/requestState").asString();

		JsonNode answer = cancel(this.token, 1, state, "accept");

		assertThat(answer.at("/result/isError").asBoolean()).as("%s", answer).isFalse();
		assertThat(answer.at("/result/resultType").asString()).isEqualTo("complete");
		assertThat(restOrder(1).at("/status").asString()).isEqualTo("CANCELLED");
	}

	@Test
	void modernClientThatCannotAskItsUserIsRefused() throws Exception {
		HttpResponse<String> response = modernPost(this.token, "cancel_order", JSON.createObjectNode().put("id", 1), null,
				null, false);

		JsonNode answer = JSON.readTree(response.body());
		assertThat(answer.at("/error/code").asInt()).as("%s", answer).isEqualTo(-32021);
		assertThat(answer.at("/error/data/requiredCapabilities/elicitation").isObject()).isTrue();
		assertThat(restOrder(1).at("/status").asString()).isEqualTo("NEW");
	}

	// ---------------------------------------------------------------------------------------
	// Helpers
	// ---------------------------------------------------------------------------------------

	/** The first round of a modern {@code cancel_order}: the server's question, checked. */
	private JsonNode askConfirmation(String token, long id) throws Exception {
		JsonNode asked = cancel(token, id, null, null);
		assertThat(asked.at("/result/resultType").asString()).as("%s", asked).isEqualTo("input_required");
		assertThat(asked.at("/result/inputRequests/" + CONFIRMATION + "/params/message").asString())
			.contains("cancel_order");
		assertThat(restOrder(id).at("/status").asString()).as("nothing done before the answer").isNotEqualTo("CANCELLED");
		return asked;
	}

	private JsonNode cancel(String token, long id, String requestState, String action) throws Exception {
		ObjectNode responses = null;
		if (action != null) {
			responses = JSON.createObjectNode();
			responses.putObject(CONFIRMATION).put("action", action).putObject("content");
		}
		return modernCall(token, "cancel_order", JSON.createObjectNode().put("id", id), requestState, responses, true);
	}

	/** A raw 2026-07-28 {@code tools/call}, its JSON-RPC answer (HTTP 200, any other status fails). */
	private JsonNode modernCall(String token, String tool, ObjectNode arguments, String requestState,
			ObjectNode inputResponses, boolean elicitation) throws Exception {
		HttpResponse<String> response = modernPost(token, tool, arguments, requestState, inputResponses, elicitation);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		String text = response.body();
		if (response.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream")) {
			// The last data line of the stream is the response.
			text = text.lines().filter((line) -> line.startsWith("data:")).reduce((first, second) -> second)
				.orElseThrow().substring(5).strip();
		}
		return JSON.readTree(text);
	}

	private HttpResponse<String> modernPost(String token, String tool, ObjectNode arguments, String requestState,
			ObjectNode inputResponses, boolean elicitation) throws Exception {
		ObjectNode body = JSON.createObjectNode().put("jsonrpc", "2.0").put("id", 7).put("method", "tools/call");
		ObjectNode params = body.putObject("params").put("name", tool);
		params.set("arguments", arguments);
		ObjectNode meta = params.putObject("_meta").put("io.modelcontextprotocol/protocolVersion", "2026-07-28");
		ObjectNode capabilities = meta.putObject("io.modelcontextprotocol/clientCapabilities");
		if (elicitation) {
			capabilities.putObject("elicitation");
		}
		meta.putObject("io.modelcontextprotocol/clientInfo").put("name", "raw-http-test").put("version", "1");
		if (requestState != null) {
			params.put("requestState", requestState);
		}
		if (inputResponses != null) {
			params.set("inputResponses", inputResponses);
		}
		HttpRequest request = HttpRequest.newBuilder(URI.create(DemoAuthorizationServer.baseUrl(this.port) + "/mcp"))
			.timeout(Duration.ofSeconds(20))
			.header("Content-Type", "application/json")
			.header("Accept", "application/json, text/event-stream")
			.header("Authorization", "Bearer " + token)
			.header("MCP-Protocol-Version", "2026-07-28")
			.header("Mcp-Method", "tools/call")
			.header("Mcp-Name", tool)
			.POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body), StandardCharsets.UTF_8))
			.build();
		return HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
	}

	private static void assertInvalidRequestState(JsonNode answer) {
		assertThat(answer.at("/result").isMissingNode()).as("%s", answer).isTrue();
		assertThat(answer.at("/error/code").asInt()).as("%s", answer).isEqualTo(-32602);
		assertThat(answer.at("/error/message").asString()).startsWith("Invalid requestState");
	}

	/** The order as the REST API shows it. */
	private JsonNode restOrder(long id) throws Exception {
		HttpResponse<String> response = rest("GET", "/api/orders/" + id);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return JSON.readTree(response.body());
	}

	private HttpResponse<String> rest(String method, String path) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create(DemoAuthorizationServer.baseUrl(this.port) + path))
			.timeout(Duration.ofSeconds(10))
			.header("Authorization", "Bearer " + this.token)
			.header("Accept", "application/json, application/problem+json")
			.method(method, HttpRequest.BodyPublishers.noBody())
			.build();
		return HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
	}

	/** The 2025-11-25 client, with elicitation declared and the given user. Closed after the test. */
	private io.modelcontextprotocol.client.McpSyncClient legacy(
			Function<McpSchema.ElicitFormRequest, McpSchema.ElicitResult> user) {
		String token = this.token;
		HttpClientStreamableHttpTransport transport = streamableTransport(token);
		io.modelcontextprotocol.client.McpSyncClient client = io.modelcontextprotocol.client.McpClient.sync(transport)
			.clientInfo(McpSchema.Implementation.builder("human-in-the-loop-tests", "1.0").build())
			.requestTimeout(Duration.ofSeconds(20))
			.capabilities(McpSchema.ClientCapabilities.builder().elicitation().build())
			.elicitation(user)
			.build();
		this.closeables.add(client::closeGracefully);
		client.initialize();
		return client;
	}

	/** The 2026-07-28 client, whose form elicitation handler is the given user. */
	private McpSyncClient modern(
			io.modelcontextprotocol.modern.client.McpSyncElicitationHandler<io.modelcontextprotocol.modern.McpSchema.ElicitFormRequest> user) {
		String token = this.token;
		HttpClientMcpTransport transport = HttpClientMcpTransport
			.builder(URI.create(DemoAuthorizationServer.baseUrl(this.port) + "/mcp"))
			.connectTimeout(Duration.ofSeconds(10))
			.requestCustomizer(McpHttpRequestCustomizer
				.fromSync((request, headers, context) -> headers.set("Authorization", "Bearer " + token)))
			.build();
		return McpClient.sync(transport)
			.clientInfo(io.modelcontextprotocol.modern.McpSchema.Implementation.builder("human-in-the-loop-tests", "1.0")
				.build())
			.roundTimeout(Duration.ofSeconds(20))
			.callTimeout(Duration.ofSeconds(30))
			.formElicitation(user)
			.build();
	}

	private static String legacyText(McpSchema.CallToolResult result) {
		return ((McpSchema.TextContent) result.content().get(0)).text();
	}

	private static String modernText(io.modelcontextprotocol.modern.McpSchema.CallToolResult result) {
		return ((io.modelcontextprotocol.modern.McpSchema.TextContent) result.content().get(0)).text();
	}

}
