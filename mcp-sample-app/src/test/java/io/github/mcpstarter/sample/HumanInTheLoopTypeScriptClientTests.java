package io.github.mcpstarter.sample;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The official MCP TypeScript SDK clients as hosts whose user answers: {@code src/test/node/ts-sdk-hitl-client.mjs}
 * declines the confirmation of {@code cancel_order} for order 1, confirms it for order 2, and types
 * the note {@code set_order_note} asks for order 3. v1 ({@code @modelcontextprotocol/sdk}) speaks
 * MCP 2025-11-25, where the server asks over the session and waits; v2
 * ({@code @modelcontextprotocol/client}) is pinned to MCP 2026-07-28, where the call ends with an
 * input-required result that the SDK fulfils through the same elicitation handler and retries.
 * Either way the orders, read over the REST API afterwards, must show exactly what the user chose.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
class HumanInTheLoopTypeScriptClientTests extends SampleAppTestSupport {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	/** What the script's user types as the note (it holds the same text). */
	private static final String NOTE = "Bitte beim Nachbarn abgeben — Tür 14.";

	private static final String DECLINED = "Not done: the user declined, so 'cancel_order' did not run and nothing was changed.";

	@Test
	void typeScriptSdkV1OverASessionAsksTheUserAndDoesWhatTheyChose() throws Exception {
		JsonNode summary = run("v1", "@modelcontextprotocol/sdk");

		assertThat(summary.at("/protocolVersion").asString()).isEqualTo("2025-11-25");
		// One request per call: the question and its answer went over the session meanwhile.
		for (String step : new String[] { "declineCancel", "confirmCancel", "askedNote" }) {
			assertThat(summary.at("/" + step + "/wire")).as("%s wire", step).hasSize(1);
			assertThat(summary.at("/" + step + "/wire/0/requestState").asBoolean()).isFalse();
		}
		assertWhatTheUserChoseHappened(summary);
	}

	@Test
	void typeScriptSdkV2PinnedTo20260728FulfilsInputRequiredResultsAndDoesWhatTheUserChose() throws Exception {
		JsonNode summary = run("v2", "@modelcontextprotocol/client");

		assertThat(summary.at("/protocolVersion").asString()).isEqualTo("2026-07-28");
		// The SDK retried on its own: what the caller got is the final, complete result.
		assertThat(summary.at("/confirmCancel/result/resultType").asString()).isNotEqualTo("input_required");
		// Two rounds per call: the first ended with input_required, the SDK's retry carried the
		// answer under the server's key and echoed the requestState.
		assertThat(summary.at("/confirmCancel/wire").toString())
			.isEqualTo("[{\"inputResponses\":[],\"requestState\":false},"
					+ "{\"inputResponses\":[\"mcp_confirmation\"],\"requestState\":true}]");
		assertThat(summary.at("/declineCancel/wire")).hasSize(2);
		assertThat(summary.at("/askedNote/wire")).hasSize(2);
		assertThat(summary.at("/askedNote/wire/1/requestState").asBoolean()).isTrue();
		assertWhatTheUserChoseHappened(summary);
	}

	private void assertWhatTheUserChoseHappened(JsonNode summary) throws Exception {
		assertThat(summary.at("/failure").isNull()).as("failure: %s", summary.at("/failure")).isTrue();
		assertThat(summary.at("/clientErrors")).as("client errors").isEmpty();

		// 1. Declined: a tool error, and order 1 is as it was.
		JsonNode declined = summary.at("/declineCancel");
		assertThat(declined.at("/asked")).as("questions %s", declined).hasSize(1);
		assertThat(declined.at("/asked/0/message").asString()).contains("cancel_order");
		assertThat(declined.at("/result/isError").asBoolean()).as("%s", declined).isTrue();
		assertThat(declined.at("/result/text").asString()).isEqualTo(DECLINED);
		assertThat(restOrder(1).at("/status").asString()).isEqualTo("NEW");

		// 2. Confirmed: order 2 is cancelled.
		JsonNode confirmed = summary.at("/confirmCancel");
		assertThat(confirmed.at("/asked")).as("questions %s", confirmed).hasSize(1);
		assertThat(confirmed.at("/result/isError").asBoolean()).as("%s", confirmed).isFalse();
		assertThat(restOrder(2).at("/status").asString()).isEqualTo("CANCELLED");

		// 3. The note the tool asked for is the one the user typed.
		JsonNode note = summary.at("/askedNote");
		assertThat(note.at("/asked")).as("questions %s", note).hasSize(1);
		assertThat(note.at("/asked/0/message").asString()).contains("order #3");
		assertThat(note.at("/asked/0/requestedSchema/properties/note/type").asString()).isEqualTo("string");
		assertThat(note.at("/result/isError").asBoolean()).as("%s", note).isFalse();
		assertThat(note.at("/result/structuredContent/note").asString()).isEqualTo(NOTE);
		assertThat(restOrder(3).at("/note").asString()).isEqualTo(NOTE);
	}

	private JsonNode run(String sdk, String npmPackage) throws Exception {
		return NodeClients
			.run(NodeClients.directory("ts-sdk-hitl-client.mjs"), Duration.ofSeconds(60),
					Map.of("MCP_ACCESS_TOKEN", DemoAuthorizationServer.demoClientToken(this.port)),
					"ts-sdk-hitl-client.mjs", DemoAuthorizationServer.baseUrl(this.port), sdk)
			.sdkClientSummary(npmPackage);
	}

	private JsonNode restOrder(long id) throws Exception {
		HttpRequest request = HttpRequest
			.newBuilder(URI.create(DemoAuthorizationServer.baseUrl(this.port) + "/api/orders/" + id))
			.header("Authorization", "Bearer " + DemoAuthorizationServer.demoClientToken(this.port, "orders.read"))
			.GET()
			.build();
		HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return JSON.readTree(response.body());
	}

}
