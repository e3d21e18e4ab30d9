package io.github.mcpstarter.invocation;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientSseClientTransport;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.json.jackson3.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.github.mcpstarter.fixture.HumanInTheLoopApplication;
import io.github.mcpstarter.fixture.PlainMcpClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Confirmation and input from the user, in both eras and over both legacy transports, with the
 * MCP Java SDK client as the legacy client and plain HTTP for the modern era's round trips.
 */
@SpringBootTest(classes = HumanInTheLoopApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "mcp.server.security.allow-unauthenticated=true", "mcp.server.input.timeout=2s" })
class HumanInTheLoopTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String ELICITING_META = "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
			+ "\"io.modelcontextprotocol/clientCapabilities\":{\"elicitation\":{}}}";

	@LocalServerPort
	int port;

	@BeforeEach
	void forget() {
		HumanInTheLoopApplication.NotesController.DELETED.clear();
	}

	private McpSyncClient client(boolean sse, Function<McpSchema.ElicitFormRequest, McpSchema.ElicitResult> user) {
		String base = "http://127.0.0.1:" + this.port;
		JacksonMcpJsonMapper json = new JacksonMcpJsonMapper(JsonMapper.builder().build());
		McpClientTransport transport = sse ? HttpClientSseClientTransport.builder(base).jsonMapper(json).build()
				: HttpClientStreamableHttpTransport.builder(base).jsonMapper(json).build();
		McpClient.SyncSpec spec = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(20));
		if (user != null) {
			spec.capabilities(McpSchema.ClientCapabilities.builder().elicitation().build()).elicitation(user);
		}
		McpSyncClient client = spec.build();
		client.initialize();
		return client;
	}

	private static McpSchema.CallToolResult call(McpSyncClient client, String tool, Map<String, Object> arguments) {
		return client.callTool(McpSchema.CallToolRequest.builder(tool).arguments(arguments).build());
	}

	private static String text(McpSchema.CallToolResult result) {
		return ((McpSchema.TextContent) result.content().get(0)).text();
	}

	@Test
	@org.junit.jupiter.api.extension.ExtendWith(org.springframework.boot.test.system.OutputCaptureExtension.class)
	void aDeclinedConfirmationRunsNothingAndAnAcceptedOneRunsTheEndpointOverBothLegacyTransports(
			org.springframework.boot.test.system.CapturedOutput output) {
		for (boolean sse : new boolean[] { false, true }) {
			McpSchema.ElicitFormRequest[] asked = new McpSchema.ElicitFormRequest[1];
			McpSyncClient declining = client(sse, (request) -> {
				asked[0] = request;
				return new McpSchema.ElicitResult(McpSchema.ElicitResult.Action.DECLINE, null);
			});
			try {
				McpSchema.CallToolResult declined = call(declining, "delete_note", Map.of("id", 7));
				assertThat(declined.isError()).isTrue();
				assertThat(text(declined)).isEqualTo(
						"Not done: the user declined, so 'delete_note' did not run and nothing was changed.");
				assertThat(asked[0].message()).contains("\"Delete note\" (delete_note)", "Deletes a note for good.",
						"- id: 7");
				assertThat(HumanInTheLoopApplication.NotesController.DELETED).isEmpty();
			}
			finally {
				declining.closeGracefully();
			}
			McpSyncClient accepting = client(sse,
					(request) -> new McpSchema.ElicitResult(McpSchema.ElicitResult.Action.ACCEPT, Map.of()));
			try {
				McpSchema.CallToolResult accepted = call(accepting, "delete_note", Map.of("id", 7));
				assertThat(accepted.isError()).as(text(accepted)).isFalse();
				assertThat(HumanInTheLoopApplication.NotesController.DELETED).containsExactly(7L);
			}
			finally {
				accepting.closeGracefully();
			}
			HumanInTheLoopApplication.NotesController.DELETED.clear();
		}
		// The audit log records each decision.
		assertThat(output.getOut()).contains("MCP tool call tool=delete_note outcome=tool_error")
			.containsPattern("tool=delete_note outcome=tool_error .*confirmation=declined")
			.containsPattern("tool=delete_note outcome=success .*confirmation=accepted");
	}

	@Test
	void aClientThatCannotAskItsUserIsRefusedRatherThanServedUnconfirmed() {
		McpSyncClient client = client(false, null);
		try {
			McpSchema.CallToolResult refused = call(client, "delete_note", Map.of("id", 8));
			assertThat(refused.isError()).isTrue();
			assertThat(text(refused)).contains("runs only once the user confirms it", "cannot ask its user");
			assertThat(HumanInTheLoopApplication.NotesController.DELETED).isEmpty();
			// An endpoint asking for input gets "nobody to ask", and decides itself.
			McpSchema.CallToolResult unasked = call(client, "rename", Map.of("id", 1));
			assertThat(unasked.isError()).isTrue();
			assertThat(text(unasked)).contains("name is required (unavailable)");
		}
		finally {
			client.closeGracefully();
		}
	}

	@Test
	void anUnansweredConfirmationTimesOutAndRunsNothing() {
		McpSyncClient slow = client(false, (request) -> {
			try {
				Thread.sleep(4000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			return new McpSchema.ElicitResult(McpSchema.ElicitResult.Action.ACCEPT, Map.of());
		});
		try {
			McpSchema.CallToolResult result = call(slow, "delete_note", Map.of("id", 9));
			assertThat(text(result)).contains("no answer came from the user");
			assertThat(HumanInTheLoopApplication.NotesController.DELETED).isEmpty();
		}
		finally {
			slow.closeGracefully();
		}
	}

	@Test
	void anEndpointGetsTheUsersAnswerChecked() {
		for (boolean sse : new boolean[] { false, true }) {
			McpSyncClient client = client(sse, (request) -> {
				assertThat(request.requestedSchema()).containsKey("properties");
				return new McpSchema.ElicitResult(McpSchema.ElicitResult.Action.ACCEPT,
						Map.of("name", "Groceries", "priority", 1));
			});
			try {
				McpSchema.CallToolResult renamed = call(client, "rename", Map.of("id", 3));
				assertThat(text(renamed)).isEqualTo("Note 3 is now called Groceries (priority 1)");
			}
			finally {
				client.closeGracefully();
			}
		}
		// An answer that does not fit the form never reaches the endpoint: a number for the name.
		McpSyncClient wrong = client(false, (request) -> new McpSchema.ElicitResult(McpSchema.ElicitResult.Action.ACCEPT,
				Map.of("name", 42)));
		try {
			assertThat(text(call(wrong, "rename", Map.of("id", 3)))).contains("name is required (unavailable)");
		}
		finally {
			wrong.closeGracefully();
		}
	}

	@Test
	void anEndpointSendsTheUserToAUrlOnlyWhenTheClientOffersUrlMode() {
		String base = "http://127.0.0.1:" + this.port;
		JacksonMcpJsonMapper json = new JacksonMcpJsonMapper(JsonMapper.builder().build());
		McpSchema.ElicitUrlRequest[] asked = new McpSchema.ElicitUrlRequest[1];
		McpSyncClient urls = McpClient.sync(HttpClientStreamableHttpTransport.builder(base).jsonMapper(json).build())
			.requestTimeout(Duration.ofSeconds(20))
			.capabilities(McpSchema.ClientCapabilities.builder().elicitation(false, true).build())
			.urlElicitation((request) -> {
				asked[0] = request;
				return new McpSchema.ElicitResult(McpSchema.ElicitResult.Action.ACCEPT, null);
			})
			.build();
		try {
			urls.initialize();
			assertThat(text(call(urls, "share", Map.of("id", 5)))).isEqualTo("Note 5 is shared once the sign-in completes");
			assertThat(asked[0].url()).isEqualTo("https://share.example.com/authorize?note=5");
			assertThat(asked[0].elicitationId()).isNotBlank();
		}
		finally {
			urls.closeGracefully();
		}
		// A client of forms only is not sent to a URL: nobody to ask, and the endpoint says so.
		McpSyncClient forms = client(false,
				(request) -> new McpSchema.ElicitResult(McpSchema.ElicitResult.Action.ACCEPT, Map.of()));
		try {
			assertThat(text(call(forms, "share", Map.of("id", 5)))).contains("not shared (unavailable)");
		}
		finally {
			forms.closeGracefully();
		}
	}

	@Test
	void theModernEraAsksForAUrlOnlyOfAClientThatDeclaresUrlMode() throws Exception {
		PlainMcpClient mcp = new PlainMcpClient(this.port);
		String urlMeta = ELICITING_META.replace("{\"elicitation\":{}}", "{\"elicitation\":{\"url\":{}}}");
		JsonNode asked = mcp.modern("tools/call", "share", "{\"name\":\"share\",\"arguments\":{\"id\":6}," + urlMeta + "}")
			.get("result");
		JsonNode request = asked.path("inputRequests").path("share");
		assertThat(request.path("params").path("mode").asString()).isEqualTo("url");
		assertThat(request.path("params").path("url").asString()).isEqualTo("https://share.example.com/authorize?note=6");
		JsonNode formsOnly = mcp.modern("tools/call", "share",
				"{\"name\":\"share\",\"arguments\":{\"id\":6}," + ELICITING_META + "}").get("result");
		assertThat(formsOnly.path("resultType").asString()).isEqualTo("complete");
		assertThat(formsOnly.path("content").get(0).path("text").asString()).contains("not shared (unavailable)");
	}

	@Test
	void aPlainRestCallHasNobodyToAsk() throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/notes/4/rename"))
				.POST(HttpRequest.BodyPublishers.noBody())
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(400);
	}

	@Test
	void theModernEraConfirmsByRoundTripAndOnlyWithTheStateThatAsked() throws Exception {
		PlainMcpClient mcp = new PlainMcpClient(this.port);
		JsonNode first = mcp.modern("tools/call", "delete_note",
				"{\"name\":\"delete_note\",\"arguments\":{\"id\":5}," + ELICITING_META + "}").get("result");
		assertThat(first.path("resultType").asString()).isEqualTo("input_required");
		JsonNode confirmation = first.path("inputRequests").path("mcp_confirmation");
		assertThat(confirmation.path("method").asString()).isEqualTo("elicitation/create");
		assertThat(confirmation.path("params").path("message").asString()).contains("- id: 5");
		String state = first.path("requestState").asString();
		assertThat(HumanInTheLoopApplication.NotesController.DELETED).isEmpty();

		// An acceptance the server never asked for (no state) does not count: it asks again.
		JsonNode unasked = mcp.modern("tools/call", "delete_note", "{\"name\":\"delete_note\",\"arguments\":{\"id\":5},"
				+ "\"inputResponses\":{\"mcp_confirmation\":{\"action\":\"accept\"}}," + ELICITING_META + "}").get("result");
		assertThat(unasked.path("resultType").asString()).isEqualTo("input_required");
		assertThat(HumanInTheLoopApplication.NotesController.DELETED).isEmpty();

		// The state of id 5 does not confirm id 6.
		JsonNode moved = mcp.modern("tools/call", "delete_note", "{\"name\":\"delete_note\",\"arguments\":{\"id\":6},"
				+ "\"inputResponses\":{\"mcp_confirmation\":{\"action\":\"accept\"}},\"requestState\":" + JSON.writeValueAsString(state)
				+ "," + ELICITING_META + "}");
		assertThat(moved.path("error").path("code").asInt()).isEqualTo(-32602);
		assertThat(moved.path("error").path("message").asString()).contains("another request");

		JsonNode declined = mcp.modern("tools/call", "delete_note", retry(5, "decline", first.path("requestState").asString()))
			.get("result");
		// The move was refused before the state was used, so it still serves its own request.
		assertThat(declined.path("isError").asBoolean()).isTrue();
		assertThat(declined.path("content").get(0).path("text").asString()).contains("the user declined");
		assertThat(HumanInTheLoopApplication.NotesController.DELETED).isEmpty();

		JsonNode again = mcp.modern("tools/call", "delete_note",
				"{\"name\":\"delete_note\",\"arguments\":{\"id\":5}," + ELICITING_META + "}").get("result");
		String fresh = again.path("requestState").asString();
		JsonNode accepted = mcp.modern("tools/call", "delete_note", retry(5, "accept", fresh)).get("result");
		assertThat(accepted.path("resultType").asString()).isEqualTo("complete");
		assertThat(accepted.path("isError").asBoolean()).isFalse();
		assertThat(HumanInTheLoopApplication.NotesController.DELETED).containsExactly(5L);

		// Replayed, the same acceptance runs nothing again.
		HumanInTheLoopApplication.NotesController.DELETED.clear();
		JsonNode replayed = mcp.modern("tools/call", "delete_note", retry(5, "accept", fresh));
		assertThat(replayed.path("error").path("code").asInt()).isEqualTo(-32602);
		assertThat(replayed.path("error").path("message").asString()).contains("used already");
		assertThat(HumanInTheLoopApplication.NotesController.DELETED).isEmpty();
	}

	@Test
	void aModernClientWithoutElicitationIsToldWhatTheToolNeeds() throws Exception {
		HttpResponse<String> response = new PlainMcpClient(this.port).post(
				PlainMcpClient.request("tools/call", "{\"name\":\"delete_note\",\"arguments\":{\"id\":5},"
						+ PlainMcpClient.MODERN_META + "}"),
				Map.of("MCP-Protocol-Version", "2026-07-28", "Mcp-Method", "tools/call", "Mcp-Name", "delete_note"));
		JsonNode error = JSON.readTree(response.body()).path("error");
		assertThat(error.path("code").asInt()).isEqualTo(-32021);
		assertThat(error.path("data").path("requiredCapabilities").has("elicitation")).isTrue();
		assertThat(HumanInTheLoopApplication.NotesController.DELETED).isEmpty();
	}

	@Test
	void theModernEraRunsTheEndpointAgainWithTheAnswer() throws Exception {
		PlainMcpClient mcp = new PlainMcpClient(this.port);
		JsonNode first = mcp.modern("tools/call", "rename",
				"{\"name\":\"rename\",\"arguments\":{\"id\":2}," + ELICITING_META + "}").get("result");
		assertThat(first.path("inputRequests").path("input_1").path("params").path("requestedSchema").path("properties")
			.path("priority").path("default").asInt()).isEqualTo(3);
		JsonNode done = mcp.modern("tools/call", "rename", "{\"name\":\"rename\",\"arguments\":{\"id\":2},"
				+ "\"inputResponses\":{\"input_1\":{\"action\":\"accept\",\"content\":{\"name\":\"Todo\",\"priority\":2}}},"
				+ "\"requestState\":" + JSON.writeValueAsString(first.path("requestState").asString()) + ","
				+ ELICITING_META + "}").get("result");
		assertThat(done.path("content").get(0).path("text").asString()).isEqualTo("Note 2 is now called Todo (priority 2)");
		// A malformed answer is a protocol error, named.
		JsonNode malformed = mcp.modern("tools/call", "rename", "{\"name\":\"rename\",\"arguments\":{\"id\":2},"
				+ "\"inputResponses\":{\"input_1\":{\"action\":\"accept\",\"content\":{\"name\":7}}}," + ELICITING_META + "}");
		assertThat(malformed.path("error").path("code").asInt()).isEqualTo(-32602);
		assertThat(malformed.path("error").path("message").asString())
			.isEqualTo("Invalid params: inputResponses.input_1 content field 'name' must be a string");
		JsonNode notAnObject = mcp.modern("tools/call", "rename", "{\"name\":\"rename\",\"arguments\":{\"id\":2},"
				+ "\"inputResponses\":null," + ELICITING_META + "}");
		assertThat(notAnObject.path("error").path("code").asInt()).isEqualTo(-32602);
	}

	private static String retry(long id, String action, String state) {
		return "{\"name\":\"delete_note\",\"arguments\":{\"id\":" + id + "},\"inputResponses\":{\"mcp_confirmation\":"
				+ "{\"action\":\"" + action + "\"}},\"requestState\":" + JSON.writeValueAsString(state) + ","
				+ ELICITING_META + "}";
	}

}
