package io.github.mcpstarter.sample;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import io.github.mcpstarter.sample.orders.OrderService;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * MCP Inspector's CLI ({@code @modelcontextprotocol/inspector}, pinned in {@code src/test/node})
 * lists and calls the sample application's tools, and lists its resources and prompts, over both
 * transports, with a bearer token of the demo client: the commands the README gives, run for real.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
class InspectorCliTests extends SampleAppTestSupport {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** Node.js starts, connects, makes one request and leaves within this. */
	private static final Duration TIMEOUT = Duration.ofSeconds(90);

	private static final String INSPECTOR = "node_modules/@modelcontextprotocol/inspector/clients/launcher/build/index.js";

	@Autowired
	OrderService orders;

	@ParameterizedTest(name = "{0} at {1}")
	@CsvSource({ "http, /mcp", "sse, /sse" })
	void listsTheToolsWithABearerToken(String transport, String path) throws Exception {
		JsonNode result = inspector(transport, path, "--method", "tools/list");

		assertThat(result.at("/tools").valueStream().map((tool) -> tool.at("/name").asString()))
			.containsExactlyInAnyOrderElementsOf(PUBLISHED_TOOLS);
		JsonNode getOrder = result.at("/tools").valueStream()
			.filter((tool) -> tool.at("/name").asString().equals("get_order"))
			.findFirst()
			.orElseThrow();
		assertThat(getOrder.at("/inputSchema/required").valueStream().map(JsonNode::asString)).containsExactly("id");
		assertThat(getOrder.at("/annotations/readOnlyHint").asBoolean()).isTrue();
	}

	@ParameterizedTest(name = "{0} at {1}")
	@CsvSource({ "http, /mcp", "sse, /sse" })
	void callsAToolWithABearerToken(String transport, String path) throws Exception {
		JsonNode result = inspector(transport, path, "--method", "tools/call", "--tool-name", "get_order",
				"--tool-arg", "id=2");

		assertThat(result.at("/isError").asBoolean(false)).isFalse();
		assertThat(result.at("/structuredContent/id").asLong()).isEqualTo(2);
		assertThat(result.at("/structuredContent/customerEmail").asString())
			.isEqualTo(this.orders.get(2).customerEmail());
		// The same order as text; JavaScript printed 199.00 as 199 in structuredContent, so numbers compare by value.
		JsonNode text = JSON.readTree(result.at("/content/0/text").asString());
		assertThat(text.at("/id").asLong()).isEqualTo(2);
		assertThat(text.at("/total").decimalValue()).isEqualByComparingTo(result.at("/structuredContent/total").decimalValue());
	}

	@ParameterizedTest(name = "{0} at {1}")
	@CsvSource({ "http, /mcp", "sse, /sse" })
	void listsTheResourcesAndPromptsWithABearerToken(String transport, String path) throws Exception {
		JsonNode resources = inspector(transport, path, "--method", "resources/list");
		assertThat(resources.at("/resources").valueStream().map((resource) -> resource.at("/uri").asString()))
			.containsExactly("catalog://products");

		JsonNode prompts = inspector(transport, path, "--method", "prompts/list");
		assertThat(prompts.at("/prompts").valueStream().map((prompt) -> prompt.at("/name").asString()))
			.containsExactlyInAnyOrder("orders_in_status", "summarize_order");
		JsonNode summarize = prompts.at("/prompts").valueStream()
			.filter((prompt) -> prompt.at("/name").asString().equals("summarize_order"))
			.findFirst()
			.orElseThrow();
		assertThat(summarize.at("/arguments/0/name").asString()).isEqualTo("id");
		assertThat(summarize.at("/arguments/0/required").asBoolean()).isTrue();
	}

	@ParameterizedTest(name = "{0} at {1}")
	@CsvSource({ "http, /mcp", "sse, /sse" })
	void readsAResourceOfATemplateWithABearerToken(String transport, String path) throws Exception {
		JsonNode result = inspector(transport, path, "--method", "resources/read", "--uri", "orders://2");

		assertThat(result.at("/contents/0/uri").asString()).isEqualTo("orders://2");
		assertThat(result.at("/contents/0/mimeType").asString()).isEqualTo("application/json");
		assertThat(JSON.readTree(result.at("/contents/0/text").asString()).at("/customerEmail").asString())
			.isEqualTo(this.orders.get(2).customerEmail());
	}

	@ParameterizedTest(name = "{0} at {1}")
	@CsvSource({ "http, /mcp", "sse, /sse" })
	void isRefusedWithoutAToken(String transport, String path) throws Exception {
		NodeClients.NodeRun run = NodeClients.run(NodeClients.directoryWith("@modelcontextprotocol/inspector"), TIMEOUT,
				catalog(), INSPECTOR, "--cli", DemoAuthorizationServer.baseUrl(this.port) + path, "--transport",
				transport, "--method", "tools/list");

		assertThat(run.exitValue()).as("exit status%s", run.output()).isNotZero();
		// The server's 401 (with its resource metadata) sent the Inspector into an OAuth flow, which
		// needs a person at a terminal.
		assertThat(run.stderr()).as("why it stopped%s", run.output()).contains("\"code\":\"auth_required\"");
		assertThat(run.stdout()).doesNotContain("get_order");
	}

	/** Runs the Inspector's CLI with the demo client's token and returns the JSON it printed. */
	private JsonNode inspector(String transport, String path, String... method) throws Exception {
		NodeClients.NodeRun run = inspectorRun(transport, path, method);
		assertThat(run.exitValue()).as("exit status of the Inspector's CLI%s", run.output()).isZero();
		return JSON.readTree(run.stdout());
	}

	private NodeClients.NodeRun inspectorRun(String transport, String path, String... method) throws Exception {
		String token = DemoAuthorizationServer.demoClientToken(this.port);
		String[] arguments = new String[6 + method.length];
		arguments[0] = INSPECTOR;
		arguments[1] = "--cli";
		arguments[2] = DemoAuthorizationServer.baseUrl(this.port) + path;
		arguments[3] = "--transport";
		arguments[4] = transport;
		arguments[5] = "--header=Authorization: Bearer " + token;
		System.arraycopy(method, 0, arguments, 6, method.length);
		return NodeClients.run(NodeClients.directoryWith("@modelcontextprotocol/inspector"), TIMEOUT, catalog(),
				arguments);
	}

	/** The Inspector keeps a catalog of servers; a fresh one per run, never the user's. */
	private static Map<String, String> catalog() throws Exception {
		Path catalog = Files.createTempDirectory("inspector-catalog").resolve("mcp.json");
		return Map.of("MCP_CATALOG_PATH", catalog.toString());
	}

}
