package io.github.mcpstarter.conformance;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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
 * {@code src/test/node}) against the {@link ConformanceFixtureApplication conformance fixture}, with
 * the scenarios the 2025-11-25 revision requires of a server, and writes its results to
 * {@code docs/CONFORMANCE.md}.
 *
 * <p>The report is written to {@code docs/} only by a run that passes (every run's is kept under
 * {@code target/}). The run fails when a scenario fails that {@code conformance-baseline.yml} does not expect to
 * (the suite's own rule, through {@code --expected-failures}), when an expected failure passes
 * (the baseline is stale), when a scenario that the previous report shows as passed no longer
 * passes, and when a tool of the fixture was never called (a scenario can pass without its tool).
 */
@SpringBootTest(classes = ConformanceFixtureApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "spring.config.name=conformance")
class ConformanceSuiteTests {

	private static final Log logger = LogFactory.getLog(ConformanceSuiteTests.class);

	private static final String SUITE_PACKAGE = "@modelcontextprotocol/conformance";

	private static final String REQUIREMENTS = "2025-11-25";

	/** About forty scenarios of a few seconds at most each; the suite's own per-scenario limit is 30 s. */
	private static final Duration TIMEOUT = Duration.ofMinutes(6);

	/** The tools the scenarios call; each must have run. */
	private static final List<String> TOOLS = List.of("test_simple_text", "test_image_content", "test_audio_content",
			"test_embedded_resource", "test_multiple_content_types", "test_tool_with_logging", "test_tool_with_progress",
			"test_error_handling");

	@LocalServerPort
	int port;

	@Autowired
	ToolCalls calls;

	@Test
	void everyScenarioOfAToolsServerPassesAndTheReportIsWritten() throws Exception {
		Path directory = NodeClients.directoryWith(SUITE_PACKAGE);
		Path suite = directory.resolve("node_modules").resolve(SUITE_PACKAGE);
		Path output = Files.createTempDirectory(Files.createDirectories(directory.resolve("runs")), "conformance-");
		Path baseline = new ClassPathResource("conformance-baseline.yml").getFile().toPath();
		Path report = Path.of(System.getProperty("conformance.report", "../docs/CONFORMANCE.md"));
		Set<String> passedBefore = ConformanceReport.passedBefore(report);
		String url = "http://localhost:" + this.port + "/mcp";

		NodeClients.NodeRun run = NodeClients.run(directory, TIMEOUT, Map.of(), suite.resolve("dist/index.js").toString(),
				"server", "--url", url, "--requirements", REQUIREMENTS, "--expected-failures", baseline.toString(), "-o",
				output.toString());

		Map<String, ConformanceReport.Scenario> scenarios = ConformanceReport.read(output);
		Path requirements = suite.resolve("requirements").resolve(REQUIREMENTS + ".yaml");
		Set<String> required = ConformanceReport.requiredServerScenarios(requirements);
		Map<String, String> expectedFailures = ConformanceReport.expectedFailures(baseline);
		long passedRequired = required.stream()
			.filter((name) -> scenarios.containsKey(name) && scenarios.get(name).succeeded())
			.count();
		List<String> header = List.of("# MCP conformance", "",
				"Written by `ConformanceSuiteTests` (mcp-sample-app) each time the test suite passes (`./mvnw verify`);"
						+ " do not edit it by hand.",
				"", "- **Date:** " + Instant.now().truncatedTo(ChronoUnit.SECONDS),
				"- **Suite:** `" + SUITE_PACKAGE + "` " + NodeClients.version(suite) + ", the server scenarios that"
						+ " revision " + REQUIREMENTS + " requires (`--requirements " + REQUIREMENTS + "`), and those it runs"
						+ " without scoring",
				"- **Server:** the conformance fixture (`mcp-sample-app/src/test/java/io/github/mcpstarter/conformance`),"
						+ " ordinary Spring MVC controllers published by the starter, over Streamable HTTP",
				"- **Result:** " + passedRequired + " of " + required.size() + " required scenarios passed; "
						+ expectedFailures.size() + " expected failures, each with its reason below (from"
						+ " `mcp-sample-app/src/test/resources/conformance-baseline.yml`); the suite exited with status "
						+ run.exitValue(),
				"- **Command:** `conformance server --url http://localhost:<port>/mcp --requirements " + REQUIREMENTS
						+ " --expected-failures conformance-baseline.yml`",
				"", "To run it by hand, see [the README](../README.md#conformance).");
		String markdown = ConformanceReport.markdown(header, scenarios, required,
				ConformanceReport.notScoredServerScenarios(requirements), expectedFailures);
		// Every run's report is kept in target/; docs/ gets it only from a run that passed, so that a
		// regression is measured against the last good run until it is fixed.
		Path runReport = Files.writeString(output.resolve("CONFORMANCE.md"), markdown, StandardCharsets.UTF_8);
		logger.info("Conformance report of this run: " + runReport.toAbsolutePath());

		assertThat(run.exitValue()).as("exit status of the conformance suite%s", run.output()).isZero();
		assertThat(scenarios).as("scenarios run").containsKeys(required.toArray(String[]::new));
		assertThat(passedBefore).as("scenarios that passed before and fail now")
			.allSatisfy((name) -> assertThat(scenarios.get(name)).as(name)
				.satisfies((scenario) -> assertThat(scenario.succeeded()).isTrue()));
		for (String tool : TOOLS) {
			assertThat(this.calls.count(tool)).as("calls of %s", tool).isPositive();
		}
		Files.createDirectories(report.toAbsolutePath().getParent());
		Files.writeString(report, markdown, StandardCharsets.UTF_8);
	}

}
