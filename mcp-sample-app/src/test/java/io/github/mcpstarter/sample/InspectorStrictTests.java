package io.github.mcpstarter.sample;

import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * MCP Inspector's schema portability lint ({@code --strict} on {@code tools/list}) finds nothing in
 * the sample's tools: no error and no warning. With {@code --format json} it puts its findings
 * in the printed envelope's {@code schemaFindings} (absent when there are none), and exits non-zero
 * only for errors; so the findings themselves are asserted, warnings included.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
class InspectorStrictTests extends SampleAppTestSupport {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String INSPECTOR = "node_modules/@modelcontextprotocol/inspector/clients/launcher/build/index.js";

	// depends on: H1 portability (type: ["x","null"] in output schemas; warnings until it is merged)
	@Test
	void strictSchemaLintFindsNothingInTheSampleTools() throws Exception {
		String token = DemoAuthorizationServer.demoClientToken(this.port);
		Map<String, String> catalog = Map.of("MCP_CATALOG_PATH",
				Files.createTempDirectory("inspector-catalog").resolve("mcp.json").toString());
		NodeClients.NodeRun run = NodeClients.run(NodeClients.directoryWith("@modelcontextprotocol/inspector"),
				Duration.ofSeconds(90), catalog, INSPECTOR, "--cli", DemoAuthorizationServer.baseUrl(this.port) + "/mcp",
				"--transport", "http", "--header=Authorization: Bearer " + token, "--method", "tools/list", "--strict",
				"--format", "json");

		JsonNode envelope = JSON.readTree(run.stdout());
		assertThat(envelope.at("/result/tools").size()).as("tools listed%s", run.output())
			.isEqualTo(PUBLISHED_TOOLS.size());
		List<String> findings = new ArrayList<>();
		for (JsonNode tool : envelope.path("schemaFindings")) {
			for (JsonNode finding : tool.path("findings")) {
				findings.add(tool.path("toolName").asString() + " " + finding.path("schema").asString() + " "
						+ finding.path("path").asString() + ": " + finding.path("severity").asString() + " "
						+ finding.path("rule").asString() + " " + firstSentence(finding.path("issue").asString()));
			}
		}
		assertThat(findings).as("%d Inspector --strict findings:%n%s", findings.size(), String.join("\n", findings))
			.isEmpty();
		assertThat(run.exitValue()).as("exit status%s", run.output()).isZero();
	}

	private static String firstSentence(String text) {
		int end = text.indexOf(". ");
		return (end > 0) ? text.substring(0, end + 1) : text;
	}

}
