package io.github.mcpstarter.completions;

import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.github.mcpstarter.McpCompletion;
import io.github.mcpstarter.McpPrompt;
import io.github.mcpstarter.fixture.CompletionsApplication;
import io.github.mcpstarter.fixture.PlainMcpClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * {@code completion/complete} over real HTTP, in both eras: suggestions from the GET endpoint a
 * parameter names (with the arguments the client already knows), from an enum, none from an
 * endpoint that answers no list; and the audit log of the reads and gets that use them.
 */
@SpringBootTest(classes = CompletionsApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class CompletionsHttpTests {

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
		assertThat(JSON.readTree(initialized.body()).at("/result/capabilities/completions").isObject()).isTrue();
		this.session = initialized.headers().firstValue("Mcp-Session-Id").orElseThrow();
	}

	@Test
	void aTemplateVariableIsCompletedByTheEndpointItNamesWithTheArgumentsTheClientKnows() throws Exception {
		String ref = "\"ref\":{\"type\":\"ref/resource\",\"uri\":\"tickets://{queue}/{id}\"},"
				+ "\"argument\":{\"name\":\"id\",\"value\":\"T-1\"}";
		for (JsonNode result : both("{" + ref + "}")) {
			assertThat(values(result)).containsExactly("T-100", "T-101", "T-110");
			assertThat(result.at("/completion/total").asInt()).isEqualTo(3);
			assertThat(result.at("/completion/hasMore").asBoolean()).isFalse();
		}
		// The queue the client already chose narrows the suggestions, as the endpoint reads it.
		for (JsonNode result : both("{" + ref + ",\"context\":{\"arguments\":{\"queue\":\"ops\"}}}")) {
			assertThat(values(result)).isEmpty();
		}
		String ops = "{\"ref\":{\"type\":\"ref/resource\",\"uri\":\"tickets://{queue}/{id}\"},"
				+ "\"argument\":{\"name\":\"id\",\"value\":\"T-2\"},\"context\":{\"arguments\":{\"queue\":\"ops\"}}}";
		assertThat(values(both(ops).get(0))).containsExactly("T-200", "T-201");
	}

	@Test
	void aPromptArgumentIsCompletedUnderTheParameterTheEndpointTakesAndAnEnumByItsConstants() throws Exception {
		for (JsonNode result : both("{\"ref\":{\"type\":\"ref/prompt\",\"name\":\"triage\"},"
				+ "\"argument\":{\"name\":\"ticket\",\"value\":\"T-2\"}}")) {
			assertThat(values(result)).containsExactly("T-200", "T-201", "T-230");
		}
		for (JsonNode result : both("{\"ref\":{\"type\":\"ref/prompt\",\"name\":\"triage\"},"
				+ "\"argument\":{\"name\":\"priority\",\"value\":\"m\"}}")) {
			assertThat(values(result)).containsExactly("MEDIUM");
		}
		for (JsonNode result : both("{\"ref\":{\"type\":\"ref/prompt\",\"name\":\"triage\"},"
				+ "\"argument\":{\"name\":\"priority\",\"value\":\"\"}}")) {
			assertThat(values(result)).containsExactly("LOW", "MEDIUM", "HIGH");
		}
	}

	@Test
	void anEndpointThatAnswersNoListGivesNoSuggestionsRatherThanAnError(CapturedOutput output) throws Exception {
		for (JsonNode result : both("{\"ref\":{\"type\":\"ref/prompt\",\"name\":\"broken\"},"
				+ "\"argument\":{\"name\":\"ticket\",\"value\":\"T\"}}")) {
			assertThat(values(result)).isEmpty();
		}
		assertThat(output).contains("are not a JSON array of strings; none are sent");
	}

	@Test
	void anUnknownPromptOrTemplateIsInvalidParamsNamingIt() throws Exception {
		JsonNode prompt = legacyCompletion("{\"ref\":{\"type\":\"ref/prompt\",\"name\":\"nope\"},"
				+ "\"argument\":{\"name\":\"x\",\"value\":\"\"}}");
		assertThat(prompt.at("/error/code").asInt()).isEqualTo(-32602);
		assertThat(prompt.at("/error/message").asString()).isEqualTo("Unknown prompt: nope");
		JsonNode template = legacyCompletion("{\"ref\":{\"type\":\"ref/resource\",\"uri\":\"tickets://{id}\"},"
				+ "\"argument\":{\"name\":\"id\",\"value\":\"\"}}");
		assertThat(template.at("/error/message").asString()).isEqualTo("Unknown resource template: tickets://{id}");
	}

	@Test
	void readsAndGetsAreAuditedUnderTheirPublishedNamesOnly(CapturedOutput output) throws Exception {
		legacy("resources/read", "{\"uri\":\"tickets://support/T-100\"}");
		legacy("prompts/get", "{\"name\":\"triage\",\"arguments\":{\"ticket\":\"T-100\",\"priority\":\"HIGH\"}}");
		this.mcp.legacy(this.session, "resources/read", "{\"uri\":\"made-up://" + "x".repeat(40) + "\"}");
		assertThat(output.getOut()).containsPattern(
				"MCP resource read resource=tickets://\\{queue\\}/\\{id\\} outcome=success duration=\\d+ms principal=- ")
			.containsPattern("MCP prompt get prompt=triage outcome=success ")
			.containsPattern("MCP resource read resource=unknown outcome=protocol_error ")
			.doesNotContain("made-up://");
	}

	@Test
	void aCompletionThatNamesNoEndpointFailsStartupWithTheFix() {
		assertThatException()
			.isThrownBy(() -> new SpringApplicationBuilder(BadCompletionApplication.class)
				.properties("server.port=0", "spring.main.banner-mode=off")
				.run()
				.close())
			.satisfies((ex) -> assertThat(rootMessages(ex)).contains("@McpCompletion(\"/nowhere\") names no GET endpoint")
				.contains("Fix: name the path of a @GetMapping exactly as it is mapped"));
	}

	@Test
	void aCompletionWhoseEndpointTakesNoSuchParameterFailsStartupWithTheFix() {
		assertThatException()
			.isThrownBy(() -> new SpringApplicationBuilder(WrongParameterApplication.class)
				.properties("server.port=0", "spring.main.banner-mode=off")
				.run()
				.close())
			.satisfies((ex) -> assertThat(rootMessages(ex)).contains("sends what the user typed as 'prefix'")
				.contains("Fix: set @McpCompletion(parameter = \"...\")"));
	}

	private static String rootMessages(Throwable ex) {
		StringBuilder messages = new StringBuilder();
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			messages.append(cause.getMessage()).append('\n');
		}
		return messages.toString();
	}

	/** The same completion in a legacy session and as a modern request: both results. */
	private List<JsonNode> both(String params) throws Exception {
		JsonNode legacy = this.mcp.legacy(this.session, "completion/complete", params);
		String modernParams = params.substring(0, params.length() - 1) + "," + META + "}";
		JsonNode modern = this.mcp.modern("completion/complete", null, modernParams);
		assertThat(legacy.has("error")).as(legacy.toString()).isFalse();
		assertThat(modern.has("error")).as(modern.toString()).isFalse();
		assertThat(modern.at("/result/resultType").asString()).isEqualTo("complete");
		return List.of(legacy.get("result"), modern.get("result"));
	}

	private JsonNode legacyCompletion(String params) throws Exception {
		return this.mcp.legacy(this.session, "completion/complete", params);
	}

	private JsonNode legacy(String method, String params) throws Exception {
		JsonNode answer = this.mcp.legacy(this.session, method, params);
		assertThat(answer.has("error")).as(answer.toString()).isFalse();
		return answer;
	}

	private static List<String> values(JsonNode result) {
		return result.at("/completion/values").valueStream().map(JsonNode::asString).toList();
	}

	@org.springframework.boot.SpringBootConfiguration
	@org.springframework.boot.autoconfigure.EnableAutoConfiguration
	@Import(BadCompletionApplication.Prompts.class)
	static class BadCompletionApplication {

		@RestController
		static class Prompts {

			@McpPrompt(description = "Asks about a ticket")
			@GetMapping("/prompts/ask")
			String ask(@RequestParam @McpCompletion("/nowhere") String ticket) {
				return ticket;
			}

		}

	}

	@org.springframework.boot.SpringBootConfiguration
	@org.springframework.boot.autoconfigure.EnableAutoConfiguration
	@Import(WrongParameterApplication.Prompts.class)
	static class WrongParameterApplication {

		@RestController
		static class Prompts {

			@McpPrompt(description = "Asks about a ticket")
			@GetMapping("/prompts/ask")
			String ask(@RequestParam @McpCompletion("/suggest") String ticket) {
				return ticket;
			}

			@GetMapping("/suggest")
			java.util.List<String> suggest(@RequestParam String q) {
				return java.util.List.of(q);
			}

		}

	}

}
