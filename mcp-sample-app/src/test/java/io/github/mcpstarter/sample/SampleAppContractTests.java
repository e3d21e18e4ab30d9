package io.github.mcpstarter.sample;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

import org.springframework.boot.test.context.SpringBootTest;

import io.github.mcpstarter.realcode.SchemaInstances;
import io.github.mcpstarter.realcode.ToolContract;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The every-tool contract over the sample application itself, with a real token of the demo
 * client: for each tool it lists, arguments made from its own {@code inputSchema} give a
 * successful call whose {@code structuredContent} validates against its {@code outputSchema}.
 *
 * <p>The seed data is reset before each call. What no schema can say comes from the seed data
 * ({@code SeedData}), by property name, and is used only where it validates: order 2 is PAID (so it
 * can be read, shipped, cancelled, and moved to SHIPPED), SKU-1002 is in stock.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
class SampleAppContractTests extends SampleAppTestSupport {

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private static final Map<String, JsonNode> SEEDS = Map.of("id", NODES.numberNode(2), "sku",
			NODES.stringNode("SKU-1002"), "status", NODES.stringNode("SHIPPED"), "q", NODES.stringNode("tea"),
			"auditMillis", NODES.numberNode(1));

	@TestFactory
	Stream<DynamicTest> everyToolOfTheSampleKeepsItsContract() {
		ToolContract contract = new ToolContract(DemoAuthorizationServer.baseUrl(this.port),
				DemoAuthorizationServer.demoClientToken(this.port), SchemaInstances.withSeeds(SEEDS));
		List<JsonNode> tools = contract.tools();
		// The demo client has no inventory.write or admin scope: it sees every published tool all the same.
		assertThat(tools.stream().map((tool) -> tool.path("name").asString()).sorted())
			.containsExactlyElementsOf(PUBLISHED_TOOLS);
		return tools.stream().map((tool) -> DynamicTest.dynamicTest(tool.path("name").asString(), () -> {
			this.seedData.reset();
			JsonNode arguments = contract.arguments(tool);
			List<String> problems = contract.check(tool, arguments);
			assertThat(problems).as(ToolContract.describe(tool, arguments, problems)).isEmpty();
		})).onClose(contract::close);
	}

}
