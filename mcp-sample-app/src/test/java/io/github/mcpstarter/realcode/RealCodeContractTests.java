package io.github.mcpstarter.realcode;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.github.mcpstarter.sample.NodeClients;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The every-tool contract over a service shaped like real code ({@link RealCodeApplication}):
 * for each tool it publishes, arguments made from its own {@code inputSchema} give a successful
 * call, and the {@code structuredContent} validates against its {@code outputSchema} (JSON
 * Schema 2020-12, networknt); then the official TypeScript SDK client calls every tool with the
 * same arguments, with its own output-schema validation on.
 *
 * <p>Each failure names the tool, its arguments and the validator's errors.
 */
@SpringBootTest(classes = RealCodeApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "spring.config.name=realcode")
class RealCodeContractTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** Every tool the fixture publishes: a new endpoint must be added here, so none goes unchecked. */
	static final List<String> TOOLS = List.of("care_guide", "count_pets", "create_pet", "create_tag",
			"delete_category", "delete_pet", "digest", "find_pet_by_name", "get_category", "get_pet_by_id",
			"indoor_cats", "jingle", "line", "list_categories", "list_pets", "list_tags", "logo", "paged_pet_names",
			"price_list", "price_of", "readings_between", "record_reading", "reindex", "search_pets", "status_v1",
			"status_v1_1", "summary", "update_tag");

	/** The pet the by-name lookup finds: the data holds it, no schema can say so. */
	private static final Map<String, JsonNode> SEEDS = Map.of("name", JsonNodeFactory.instance.stringNode("Rex"));

	@LocalServerPort
	int port;

	@Autowired
	RealCodeData data;

	@Test
	void publishesEveryToolOfTheFixture() {
		try (ToolContract contract = contract()) {
			assertThat(contract.tools().stream().map((tool) -> tool.path("name").asString()).sorted())
				.containsExactlyElementsOf(TOOLS);
		}
	}

	@TestFactory
	Stream<DynamicTest> everyToolKeepsItsContract() {
		ToolContract contract = contract();
		List<JsonNode> tools = contract.tools();
		return tools.stream().map((tool) -> DynamicTest.dynamicTest(tool.path("name").asString(), () -> {
			this.data.reset();
			JsonNode arguments = contract.arguments(tool);
			List<String> problems = contract.check(tool, arguments);
			assertThat(problems).as(ToolContract.describe(tool, arguments, problems)).isEmpty();
		})).onClose(contract::close);
	}

	@Test
	void theTypeScriptSdkClientAcceptsEveryResult() throws Exception {
		this.data.reset();
		Path directory = NodeClients.directory("contract-client.mjs");
		Path calls = Files.createTempFile(Files.createDirectories(directory.resolve("runs")), "calls-", ".json");
		try (ToolContract contract = contract()) {
			Files.writeString(calls, JSON.writeValueAsString(calls(contract, contract.tools())), StandardCharsets.UTF_8);
		}
		JsonNode summary = NodeClients.run(directory, Duration.ofSeconds(120), Map.of(), "contract-client.mjs",
				"http://127.0.0.1:" + this.port, calls.toString())
			.sdkClientSummary();

		assertThat(summary.at("/failure").isNull()).as("failure: %s", summary.at("/failure")).isTrue();
		List<String> failures = new ArrayList<>();
		for (JsonNode call : summary.at("/calls")) {
			if (!call.path("ok").asBoolean()) {
				failures.add(call.toString());
			}
		}
		assertThat(failures).as("calls the TypeScript SDK client refused or that failed:\n%s", String.join("\n", failures))
			.isEmpty();
		assertThat(summary.at("/calls").size()).isEqualTo(TOOLS.size());
	}

	@Test
	void inspectorStrictFindsNothingInTheFixtureTools() throws Exception {
		List<String> findings = InspectorStrict.findings("http://127.0.0.1:" + this.port + "/mcp", null, TOOLS.size());

		assertThat(findings).as("%d Inspector --strict findings:%n%s", findings.size(), String.join("\n", findings))
			.isEmpty();
	}

	@Test
	void eachVersionedToolRunsItsOwnVersion() {
		this.data.reset();
		try (ToolContract contract = contract()) {
			assertThat(contract.call("status_v1", JsonNodeFactory.instance.objectNode()).at("/structuredContent"))
				.hasToString("{\"status\":\"up\"}");
			assertThat(contract.call("status_v1_1", JsonNodeFactory.instance.objectNode())
				.at("/structuredContent/components/0").asString()).isEqualTo("db");
		}
	}

	// Zero-indexed, as Spring Data's default.
	@Test
	void pagingArgumentsReachThePageable() {
		this.data.reset();
		try (ToolContract contract = contract()) {
			ObjectNode arguments = JsonNodeFactory.instance.objectNode().put("page", 1).put("size", 1);
			JsonNode result = contract.call("paged_pet_names", arguments);
			assertThat(result.at("/structuredContent/names").toString()).as("result %s", result).isEqualTo("[\"Tom\"]");
		}
	}

	/**
	 * Every tool's call, for one client run against the data as it is now: destructive tools last,
	 * so that nothing the others look up is gone.
	 */
	static ArrayNode calls(ToolContract contract, List<JsonNode> tools) {
		ArrayNode calls = JsonNodeFactory.instance.arrayNode();
		tools.stream()
			.sorted(Comparator.comparing((JsonNode tool) -> tool.at("/annotations/destructiveHint").asBoolean(false)))
			.forEach((tool) -> {
				ObjectNode call = calls.addObject();
				call.put("name", tool.path("name").asString());
				call.set("arguments", contract.arguments(tool));
			});
		return calls;
	}

	private ToolContract contract() {
		return new ToolContract("http://127.0.0.1:" + this.port, null, SchemaInstances.withSeeds(SEEDS));
	}

}
