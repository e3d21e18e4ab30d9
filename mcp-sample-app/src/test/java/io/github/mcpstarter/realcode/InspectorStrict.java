package io.github.mcpstarter.realcode;

import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.github.mcpstarter.sample.NodeClients;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * MCP Inspector's schema portability lint: {@code tools/list --strict --format json} prints the
 * list with its findings in {@code schemaFindings} (absent when there are none), and exits
 * non-zero only for errors, so warnings must be read from the envelope.
 */
public final class InspectorStrict {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String INSPECTOR = "node_modules/@modelcontextprotocol/inspector/clients/launcher/build/index.js";

	private InspectorStrict() {
	}

	/**
	 * What the lint finds, one line per finding (tool, schema, path, severity, rule, issue).
	 * @param mcpUrl the Streamable HTTP endpoint
	 * @param accessToken the bearer token to send, or {@code null}
	 * @param toolCount how many tools the list must hold
	 */
	public static List<String> findings(String mcpUrl, @Nullable String accessToken, int toolCount) throws Exception {
		Map<String, String> catalog = Map.of("MCP_CATALOG_PATH",
				Files.createTempDirectory("inspector-catalog").resolve("mcp.json").toString());
		List<String> arguments = new ArrayList<>(List.of(INSPECTOR, "--cli", mcpUrl, "--transport", "http"));
		if (accessToken != null) {
			arguments.add("--header=Authorization: Bearer " + accessToken);
		}
		arguments.addAll(List.of("--method", "tools/list", "--strict", "--format", "json"));
		NodeClients.NodeRun run = NodeClients.run(NodeClients.directoryWith("@modelcontextprotocol/inspector"),
				Duration.ofSeconds(90), catalog, arguments.toArray(String[]::new));
		JsonNode envelope = JSON.readTree(run.stdout());
		assertThat(envelope.at("/result/tools").size()).as("tools listed%s", run.output()).isEqualTo(toolCount);
		List<String> findings = new ArrayList<>();
		for (JsonNode tool : envelope.path("schemaFindings")) {
			for (JsonNode finding : tool.path("findings")) {
				findings.add(tool.path("toolName").asString() + " " + finding.path("schema").asString() + " "
						+ finding.path("path").asString() + ": " + finding.path("severity").asString() + " "
						+ finding.path("rule").asString() + " " + firstSentence(finding.path("issue").asString()));
			}
		}
		if (findings.isEmpty()) {
			assertThat(run.exitValue()).as("exit status%s", run.output()).isZero();
		}
		return findings;
	}

	private static String firstSentence(String text) {
		int end = text.indexOf(". ");
		return (end > 0) ? text.substring(0, end + 1) : text;
	}

}
