package io.github.mcpstarter.conformance;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.mcpstarter.sample.NodeClients;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the official MCP conformance suite ({@code @modelcontextprotocol/conformance}, pinned in
 * {@code src/test/node}) against the {@link ConformanceFixtureApplication conformance fixture}, once
 * for each revision a server is scored on, both against the same {@code /mcp} endpoint of one
 * running application: the server scenarios 2025-11-25 requires (sessions, {@code initialize}) and
 * those 2026-07-28 requires (stateless, the version in every request's {@code _meta}). It writes
 * both results to {@code docs/CONFORMANCE.md}.
 *
 * <p>The report is written to {@code docs/} only by a run that passes (every run's is kept under
 * {@code target/}). A revision's run fails when a scenario fails that its baseline does not expect
 * to (the suite's own rule, through {@code --expected-failures}), when an expected failure passes
 * (the baseline is stale), when a scenario that the previous report shows as passed no longer
 * passes, and when a tool of the fixture was never called (a scenario can pass without its tool).
 */
@SpringBootTest(classes = ConformanceFixtureApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "spring.config.name=conformance")
class ConformanceSuiteTests {

	private static final Log logger = LogFactory.getLog(ConformanceSuiteTests.class);

	private static final String SUITE_PACKAGE = "@modelcontextprotocol/conformance";

	/** About forty scenarios of a few seconds at most each; the suite's own per-scenario limit is 30 s. */
	private static final Duration TIMEOUT = Duration.ofMinutes(6);

	/** Each revision scored, its baseline, and the tools (and prompts) its scenarios call: each must have run. */
	private static final List<Revision> REVISIONS = List.of(
			new Revision("2025-11-25", "conformance-baseline.yml",
					List.of("test_simple_text", "test_image_content", "test_audio_content", "test_embedded_resource",
							"test_multiple_content_types", "test_tool_with_logging", "test_tool_with_progress",
							"test_error_handling", "test_sampling", "test_elicitation",
							"test_elicitation_sep1034_defaults", "test_elicitation_sep1330_enums")),
			new Revision("2026-07-28", "conformance-baseline-2026-07-28.yml",
					List.of("test_simple_text", "test_image_content", "test_audio_content", "test_embedded_resource",
							"test_multiple_content_types", "test_tool_with_progress", "test_error_handling",
							"test_streaming_elicitation", "test_logging_tool", "test_trigger_tool_change",
							"test_trigger_prompt_change", "test_input_required_result_elicitation",
							"test_input_required_result_sampling", "test_input_required_result_list_roots",
							"test_input_required_result_request_state", "test_input_required_result_multiple_inputs",
							"test_input_required_result_multi_round", "test_input_required_result_tampered_state",
							"test_input_required_result_capabilities", "test_input_required_result_prompt")));

	@LocalServerPort
	int port;

	@Autowired
	ToolCalls calls;

	@Test
	void everyScenarioOfAToolsServerPassesForEachRevisionAndTheReportIsWritten() throws Exception {
		Path directory = NodeClients.directoryWith(SUITE_PACKAGE);
		Path suite = directory.resolve("node_modules").resolve(SUITE_PACKAGE);
		Path runs = Files.createTempDirectory(Files.createDirectories(directory.resolve("runs")), "conformance-");
		Path report = Path.of(System.getProperty("conformance.report", "../docs/CONFORMANCE.md"));
		String url = "http://localhost:" + this.port + "/mcp";
		List<String> lines = new ArrayList<>(List.of("# MCP conformance", "",
				"Written by `ConformanceSuiteTests` (mcp-sample-app) each time the test suite passes (`./mvnw verify`);"
						+ " do not edit it by hand.",
				"", "- **Date:** " + Instant.now().truncatedTo(ChronoUnit.SECONDS),
				"- **Suite:** `" + SUITE_PACKAGE + "` " + NodeClients.version(suite) + ", run once per revision with the"
						+ " server scenarios it requires (`--requirements`) and those it runs without scoring",
				"- **Server:** the conformance fixture (`mcp-sample-app/src/test/java/io/github/mcpstarter/conformance`),"
						+ " ordinary Spring MVC controllers published by the starter, both revisions on the same `/mcp`"
						+ " endpoint of one running application",
				"", "To run it by hand, see [the README](../README.md#conformance)."));
		List<Runnable> checks = new ArrayList<>();
		for (Revision revision : REVISIONS) {
			Path output = Files.createDirectories(runs.resolve(revision.name()));
			Path baseline = new ClassPathResource(revision.baseline()).getFile().toPath();
			Set<String> passedBefore = ConformanceReport.passedBefore(report, revision.name());
			Map<String, Integer> callsBefore = this.calls.counts();
			NodeClients.NodeRun run = NodeClients.run(directory, TIMEOUT, Map.of(),
					suite.resolve("dist/index.js").toString(), "server", "--url", url, "--requirements",
					revision.name(), "--expected-failures", baseline.toString(), "-o", output.toString());
			Map<String, Integer> callsAfter = this.calls.counts();
			Map<String, ConformanceReport.Scenario> scenarios = ConformanceReport.read(output);
			Path requirements = suite.resolve("requirements").resolve(revision.name() + ".yaml");
			Set<String> required = ConformanceReport.requiredServerScenarios(requirements);
			Map<String, String> expectedFailures = ConformanceReport.expectedFailures(baseline);
			long passedRequired = required.stream()
				.filter((name) -> scenarios.containsKey(name) && scenarios.get(name).succeeded()
						&& !ConformanceReport.isExpectedFailure(scenarios.get(name), expectedFailures))
				.count();
			List<String> header = List.of("", "## " + revision.name(), "",
					"- **Result:** " + passedRequired + " of " + required.size() + " required scenarios passed; "
							+ (expectedFailures.isEmpty() ? "no expected failures (baseline"
									: expectedFailures.size() + " expected failure" + ((expectedFailures.size() == 1) ? "" : "s")
											+ ", each with its reason below (from")
							+ " `mcp-sample-app/src/test/resources/" + revision.baseline()
							+ "`); the suite exited with status " + run.exitValue(),
					"- **Command:** `conformance server --url http://localhost:<port>/mcp --requirements "
							+ revision.name() + " --expected-failures " + revision.baseline() + "`");
			lines.add(ConformanceReport.markdown(header, scenarios, required,
					ConformanceReport.notScoredServerScenarios(requirements), expectedFailures));
			checks.add(() -> {
				assertThat(run.exitValue()).as("exit status of the conformance suite for %s%s", revision.name(),
						run.output())
					.isZero();
				assertThat(scenarios).as("scenarios run for %s", revision.name())
					.containsKeys(required.toArray(String[]::new));
				assertThat(passedBefore).as("scenarios of %s that passed before and fail now", revision.name())
					.allSatisfy((name) -> assertThat(scenarios.get(name)).as(name)
						.satisfies((scenario) -> assertThat(scenario.succeeded()).isTrue()));
				for (String tool : revision.tools()) {
					assertThat(callsAfter.getOrDefault(tool, 0) - callsBefore.getOrDefault(tool, 0))
						.as("calls of %s under %s", tool, revision.name())
						.isPositive();
				}
			});
		}
		String markdown = String.join("\n", lines);
		// Every run's report is kept in target/; docs/ gets it only from a run that passed, so that a
		// regression is measured against the last good run until it is fixed.
		Path runReport = Files.writeString(runs.resolve("CONFORMANCE.md"), markdown, StandardCharsets.UTF_8);
		logger.info("Conformance report of this run: " + runReport.toAbsolutePath());
		checks.forEach(Runnable::run);
		Files.createDirectories(report.toAbsolutePath().getParent());
		Files.writeString(report, markdown, StandardCharsets.UTF_8);
	}

	/**
	 * @param name the revision, as {@code --requirements} takes it
	 * @param baseline the expected failures, a classpath resource
	 * @param tools the fixture's tools its scenarios must call, and the prompts that count their runs in
	 * {@link ToolCalls}
	 */
	private record Revision(String name, String baseline, List<String> tools) {
	}

}
