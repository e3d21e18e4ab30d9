package io.github.mcpstarter.prompts;

import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.github.mcpstarter.fixture.PlainMcpClient;
import io.github.mcpstarter.fixture.PromptsApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Prompts from ordinary endpoints over real HTTP, in both eras on the one {@code /mcp} endpoint:
 * what each kind of response becomes, and what each failure is answered with.
 */
@SpringBootTest(classes = PromptsApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PromptsHttpTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String META = PlainMcpClient.MODERN_META;

	@LocalServerPort
	int port;

	private PlainMcpClient mcp;

	private String session;

	@BeforeEach
	void openSession() throws Exception {
		this.mcp = new PlainMcpClient(this.port);
		HttpResponse<String> initialized = this.mcp.initialize();
		assertThat(initialized.statusCode()).isEqualTo(200);
		assertThat(JSON.readTree(initialized.body()).at("/result/capabilities/prompts/listChanged").asBoolean()).isTrue();
		this.session = initialized.headers().firstValue("Mcp-Session-Id").orElseThrow();
	}

	@Test
	void listShowsEveryPromptWithDescriptionsAndArgumentsInBothEras() throws Exception {
		for (JsonNode result : new JsonNode[] { legacy("prompts/list", "{}").get("result"),
				modern("prompts/list", null, "{" + META + "}").get("result") }) {
			Map<String, JsonNode> prompts = new LinkedHashMap<>();
			result.get("prompts").forEach((prompt) -> prompts.put(prompt.get("name").asString(), prompt));
			assertThat(prompts).containsOnlyKeys("code_review", "empty", "broken", "greeting", "image", "json_string",
					"order", "posted", "rich", "wrong_shape");
			prompts.values().forEach((prompt) -> assertThat(prompt.get("description").asString()).isNotEmpty());
			JsonNode greeting = prompts.get("greeting");
			assertThat(greeting.get("title").asString()).isEqualTo("Greeting");
			assertThat(greeting.get("description").asString()).isEqualTo("Greets someone");
			assertThat(greeting.get("arguments").toString()).isEqualTo(
					"[{\"name\":\"name\",\"description\":\"Who to greet\",\"required\":true},{\"name\":\"tone\",\"required\":false}]");
			assertThat(prompts.get("code_review").get("description").asString()).isEqualTo("Reviews code");
			assertThat(prompts.get("order").at("/arguments/0/description").asString()).isEqualTo("The order's number");
			assertThat(prompts.get("posted").get("description").asString()).isEqualTo("Made by a POST");
			assertThat(prompts.get("empty").has("arguments")).isTrue();
		}
		JsonNode modern = modern("prompts/list", null, "{" + META + "}").get("result");
		assertThat(modern.get("resultType").asString()).isEqualTo("complete");
		assertThat(modern.get("ttlMs").isIntegralNumber()).isTrue();
		assertThat(modern.get("cacheScope").asString()).isEqualTo("public");
		JsonNode legacy = legacy("prompts/list", "{}").get("result");
		assertThat(legacy.has("resultType")).isFalse();
		assertThat(legacy.has("ttlMs")).isFalse();
	}

	@Test
	void textIsOneUserMessageInBothEras() throws Exception {
		String params = "{\"name\":\"greeting\",\"arguments\":{\"name\":\"Ada\"}";
		JsonNode legacy = legacy("prompts/get", params + "}").get("result");
		JsonNode modern = modern("prompts/get", "greeting", params + "," + META + "}").get("result");
		for (JsonNode result : new JsonNode[] { legacy, modern }) {
			assertThat(result.get("messages").toString()).isEqualTo(
					"[{\"role\":\"user\",\"content\":{\"type\":\"text\",\"text\":\"Greet Ada in a warm tone.\"}}]");
		}
		assertThat(modern.get("resultType").asString()).isEqualTo("complete");
		assertThat(modern.has("ttlMs")).as("a prompt's messages are not cacheable").isFalse();
		assertThat(legacy.has("resultType")).isFalse();
	}

	@Test
	void jsonObjectGivesDescriptionAndMessagesOfBothRoles() throws Exception {
		JsonNode result = legacy("prompts/get", "{\"name\":\"code_review\",\"arguments\":{\"code\":\"x = 1\"}}")
			.get("result");
		assertThat(result.get("description").asString()).isEqualTo("A review of 5 characters");
		assertThat(result.at("/messages/0/content/text").asString()).isEqualTo("Review: x = 1");
		assertThat(result.at("/messages/1/role").asString()).isEqualTo("assistant");
	}

	@Test
	void jsonMessagesCarryEveryContentType() throws Exception {
		JsonNode messages = legacy("prompts/get", "{\"name\":\"rich\"}").at("/result/messages");
		assertThat(messages.get(0).get("content").toString())
			.isEqualTo("{\"type\":\"image\",\"data\":\"iVBORw0=\",\"mimeType\":\"image/png\"}");
		assertThat(messages.get(1).get("content").toString())
			.isEqualTo("{\"type\":\"audio\",\"data\":\"UklGRg==\",\"mimeType\":\"audio/wav\"}");
		assertThat(messages.get(2).get("content").toString()).isEqualTo(
				"{\"type\":\"resource\",\"resource\":{\"uri\":\"test://doc\",\"mimeType\":\"text/plain\",\"text\":\"The document\"}}");
		assertThat(messages.get(3).get("content").toString())
			.isEqualTo("{\"type\":\"resource\",\"resource\":{\"uri\":\"test://bin\",\"blob\":\"AAEC\"}}");
		assertThat(messages.get(4).get("content").toString()).isEqualTo(
				"{\"type\":\"resource_link\",\"uri\":\"test://linked\",\"name\":\"linked\",\"mimeType\":\"text/markdown\",\"size\":12}");
	}

	@Test
	void jsonStringIsOneTextMessage() throws Exception {
		assertThat(legacy("prompts/get", "{\"name\":\"json_string\"}").at("/result/messages/0/content/text").asString())
			.isEqualTo("Just a string");
	}

	@Test
	void imageIsOneUserImageMessage() throws Exception {
		JsonNode content = modern("prompts/get", "image", "{\"name\":\"image\"," + META + "}")
			.at("/result/messages/0/content");
		assertThat(content.get("type").asString()).isEqualTo("image");
		assertThat(content.get("mimeType").asString()).isEqualTo("image/png");
		assertThat(Base64.getDecoder().decode(content.get("data").asString())).isEqualTo(PromptsApplication.PNG);
	}

	@Test
	void anyHttpMethodServesAPrompt() throws Exception {
		assertThat(legacy("prompts/get", "{\"name\":\"posted\",\"arguments\":{\"topic\":\"tea\"}}")
			.at("/result/messages/0/content/text")
			.asString()).isEqualTo("Posted about tea");
	}

	@Test
	void argumentsAreConvertedAsMvcConvertsThemAndABadOneIsInvalidParams() throws Exception {
		assertThat(legacy("prompts/get", "{\"name\":\"order\",\"arguments\":{\"id\":\"1\"}}")
			.at("/result/messages/0/content/text")
			.asString()).isEqualTo("Summarize order 1.");
		JsonNode error = legacy("prompts/get", "{\"name\":\"order\",\"arguments\":{\"id\":\"one\"}}").get("error");
		assertThat(error.get("code").asInt()).isEqualTo(-32602);
		assertThat(error.get("message").asString()).startsWith("Prompt 'order': HTTP 400 Bad Request")
			.contains("id")
			.doesNotContain("java.", "NumberFormatException");
	}

	@Test
	void notFoundIsInvalidParamsNamingTheStatusNotAnUnknownPrompt() throws Exception {
		JsonNode error = legacy("prompts/get", "{\"name\":\"order\",\"arguments\":{\"id\":\"2\"}}").get("error");
		assertThat(error.get("code").asInt()).isEqualTo(-32602);
		assertThat(error.get("message").asString()).startsWith("Prompt 'order': HTTP 404 Not Found")
			.doesNotContain("Unknown prompt");
	}

	@Test
	void missingAndUnknownArgumentsAreRefusedBeforeTheEndpointRunsInBothEras() throws Exception {
		JsonNode legacy = legacy("prompts/get", "{\"name\":\"greeting\",\"arguments\":{\"nam\":\"Ada\"}}").get("error");
		JsonNode modern = modern("prompts/get", "greeting",
				"{\"name\":\"greeting\",\"arguments\":{\"nam\":\"Ada\"}," + META + "}").get("error");
		for (JsonNode error : new JsonNode[] { legacy, modern }) {
			assertThat(error.get("code").asInt()).isEqualTo(-32602);
			assertThat(error.get("message").asString()).isEqualTo("Invalid arguments for prompt 'greeting': unknown"
					+ " argument 'nam'; this prompt takes [name, tone]; missing required argument 'name'");
		}
	}

	@Test
	void unknownPromptIsInvalidParamsInBothEras() throws Exception {
		assertThat(legacy("prompts/get", "{\"name\":\"nope\"}").at("/error/message").asString())
			.isEqualTo("Unknown prompt: nope");
		JsonNode modern = modern("prompts/get", "nope", "{\"name\":\"nope\"," + META + "}");
		assertThat(modern.at("/error/code").asInt()).isEqualTo(-32602);
		assertThat(modern.at("/error/message").asString()).isEqualTo("Unknown prompt: nope");
	}

	@Test
	void failingEndpointIsAnInternalErrorThatRevealsNothing() throws Exception {
		JsonNode error = legacy("prompts/get", "{\"name\":\"broken\"}").get("error");
		assertThat(error.get("code").asInt()).isEqualTo(-32603);
		assertThat(error.toString()).doesNotContain("secret internals", "IllegalStateException");
	}

	@Test
	void jsonOfTheWrongShapeIsAnInternalErrorSayingWhatIsWrong() throws Exception {
		JsonNode error = legacy("prompts/get", "{\"name\":\"wrong_shape\"}").get("error");
		assertThat(error.get("code").asInt()).isEqualTo(-32603);
		assertThat(error.get("message").asString()).isEqualTo("Prompt 'wrong_shape' failed: its JSON body is no prompt:"
				+ " messages[0].role: must be \"user\" or \"assistant\"");
	}

	@Test
	void bodilessAnswerIsAnInternalErrorSayingSo() throws Exception {
		JsonNode error = legacy("prompts/get", "{\"name\":\"empty\"}").get("error");
		assertThat(error.get("code").asInt()).isEqualTo(-32603);
		assertThat(error.get("message").asString()).contains("without a body");
	}

	@Test
	void modernServerDeclaresPromptsInDiscover() throws Exception {
		JsonNode result = modern("server/discover", null, "{" + META + "}").get("result");
		assertThat(result.at("/capabilities/prompts/listChanged").asBoolean()).isTrue();
		assertThat(result.at("/capabilities/tools").isObject()).isTrue();
	}

	private JsonNode legacy(String method, String params) throws Exception {
		return this.mcp.legacy(this.session, method, params);
	}

	private JsonNode modern(String method, String name, String params) throws Exception {
		return this.mcp.modern(method, name, params);
	}

}
