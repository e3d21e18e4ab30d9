package io.github.mcpstarter.conformance;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads what a run of the conformance suite wrote (one {@code checks.json} per scenario), the
 * suite's requirement set and the project's baseline, and writes {@code docs/CONFORMANCE.md}.
 */
final class ConformanceReport {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** {@code server-<scenario>-<timestamp>}, the folder the suite writes a scenario's checks to. */
	private static final Pattern RESULT_FOLDER = Pattern.compile("server-(.+)-\\d{4}-\\d{2}-\\d{2}T[\\d-]+Z");

	/** A baseline entry and the comment that gives its reason. */
	private static final Pattern BASELINE_ENTRY = Pattern.compile("^\\s*-\\s*(\\S+)\\s*(?:#\\s*(.*))?$");

	/** A row of a report written before: its scenario and result. */
	private static final Pattern REPORT_ROW = Pattern.compile("^\\| `([^`]+)` \\|[^|]*\\| (passed|failed|expected failure) \\|");

	private ConformanceReport() {
	}

	/**
	 * The checks of one scenario, counted by status.
	 * @param name the scenario
	 * @param passed its checks that succeeded
	 * @param failed its checks that failed
	 * @param warnings its checks that warned
	 */
	record Scenario(String name, int passed, int failed, int warnings) {

		boolean succeeded() {
			return this.failed == 0;
		}

	}

	/** The scenarios of a run, by name, from the folder given to the suite's {@code -o}. */
	static Map<String, Scenario> read(Path output) throws IOException {
		Map<String, Scenario> scenarios = new TreeMap<>();
		try (Stream<Path> folders = Files.list(output)) {
			for (Path folder : folders.toList()) {
				Matcher name = RESULT_FOLDER.matcher(folder.getFileName().toString());
				Path checks = folder.resolve("checks.json");
				if (!name.matches() || !Files.isRegularFile(checks)) {
					continue;
				}
				int passed = 0;
				int failed = 0;
				int warnings = 0;
				for (JsonNode check : JSON.readTree(checks.toFile())) {
					switch (check.at("/status").asString()) {
						case "SUCCESS" -> passed++;
						case "FAILURE" -> failed++;
						case "WARNING" -> warnings++;
						default -> {
						}
					}
				}
				scenarios.put(name.group(1), new Scenario(name.group(1), passed, failed, warnings));
			}
		}
		return scenarios;
	}

	/** The server scenarios a revision requires, in the requirement set's order. */
	static Set<String> requiredServerScenarios(Path requirements) throws IOException {
		Map<String, Object> set = yaml(requirements);
		return new LinkedHashSet<>(strings(set.get("server")));
	}

	/** The server scenarios a revision runs without scoring, with the suite's reason. */
	static Map<String, String> notScoredServerScenarios(Path requirements) throws IOException {
		Map<String, String> notScored = new LinkedHashMap<>();
		if (yaml(requirements).get("not_scored") instanceof List<?> entries) {
			for (Object entry : entries) {
				if (entry instanceof Map<?, ?> map && "server".equals(map.get("leg"))) {
					notScored.put(String.valueOf(map.get("scenario")), String.valueOf(map.get("reason")));
				}
			}
		}
		return notScored;
	}

	/** The baseline's expected failures, with the reason each entry's comment gives. */
	static Map<String, String> expectedFailures(Path baseline) throws IOException {
		Map<String, String> expected = new LinkedHashMap<>();
		for (String line : Files.readAllLines(baseline)) {
			Matcher entry = BASELINE_ENTRY.matcher(line);
			if (entry.matches()) {
				expected.put(entry.group(1), (entry.group(2) != null) ? entry.group(2).strip() : "");
			}
		}
		return expected;
	}

	/**
	 * The scenarios a report written before shows as passed for a revision, in its section
	 * ({@code ## 2026-07-28}); none when there is no report. A report from before sections is all
	 * 2025-11-25.
	 */
	static Set<String> passedBefore(Path report, String revision) throws IOException {
		Set<String> passed = new LinkedHashSet<>();
		if (Files.isRegularFile(report)) {
			List<String> lines = Files.readAllLines(report);
			boolean sections = lines.stream().anyMatch((line) -> line.startsWith("## "));
			String section = sections ? null : "2025-11-25";
			for (String line : lines) {
				if (line.startsWith("## ")) {
					section = line.substring(3).strip();
				}
				Matcher row = REPORT_ROW.matcher(line);
				if (revision.equals(section) && row.find() && row.group(2).equals("passed")) {
					passed.add(row.group(1));
				}
			}
		}
		return passed;
	}

	/**
	 * The report in Markdown.
	 * @param header the lines above the table (date, versions, command)
	 * @param scenarios the run's scenarios
	 * @param required the scenarios the revision requires
	 * @param notScored the scenarios it runs without scoring, with their reasons
	 * @param expectedFailures the baseline, with its reasons
	 */
	static String markdown(List<String> header, Map<String, Scenario> scenarios, Set<String> required,
			Map<String, String> notScored, Map<String, String> expectedFailures) {
		List<String> lines = new ArrayList<>(header);
		lines.add("");
		lines.add("| Scenario | Scored | Result | Checks passed | Checks failed | Warnings | Note |");
		lines.add("|---|---|---|---|---|---|---|");
		List<String> order = new ArrayList<>(required);
		scenarios.keySet().stream().filter((name) -> !required.contains(name)).forEach(order::add);
		for (String name : order) {
			Scenario scenario = scenarios.get(name);
			String scored = required.contains(name) ? "yes" : "no (" + notScored.getOrDefault(name, "not required") + ")";
			if (scenario == null) {
				lines.add("| `" + name + "` | " + scored + " | not run | | | | the suite wrote no result |");
				continue;
			}
			List<String> reasons = reasons(name, expectedFailures);
			String result = isExpectedFailure(scenario, expectedFailures) ? "expected failure"
					: scenario.succeeded() ? "passed" : "failed";
			lines.add("| `" + name + "` | " + scored + " | " + result + " | " + scenario.passed() + " | "
					+ scenario.failed() + " | " + scenario.warnings() + " | " + String.join("; ", reasons) + " |");
		}
		lines.add("");
		return String.join("\n", lines);
	}

	/**
	 * Whether a scenario failed as its baseline expects: it is listed whole, or some of its checks
	 * are ({@code scenario:check}), and it failed, or warned (with a baseline, a warning fails too).
	 */
	static boolean isExpectedFailure(Scenario scenario, Map<String, String> expectedFailures) {
		return !reasons(scenario.name(), expectedFailures).isEmpty()
				&& (!scenario.succeeded() || scenario.warnings() > 0);
	}

	/** The baseline's reasons for a scenario's entries, whole or per check. */
	private static List<String> reasons(String name, Map<String, String> expectedFailures) {
		List<String> reasons = new ArrayList<>();
		expectedFailures.forEach((entry, reason) -> {
			if (entry.equals(name) || entry.startsWith(name + ":")) {
				reasons.add(entry.equals(name) ? reason : "`" + entry.substring(name.length() + 1) + "`: " + reason);
			}
		});
		return reasons;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> yaml(Path file) throws IOException {
		try (InputStream in = Files.newInputStream(file)) {
			Object loaded = new Yaml().load(in);
			return (loaded instanceof Map<?, ?> map) ? (Map<String, Object>) map : Map.of();
		}
	}

	private static List<String> strings(Object list) {
		List<String> strings = new ArrayList<>();
		if (list instanceof List<?> items) {
			items.forEach((item) -> strings.add(String.valueOf(item)));
		}
		return strings;
	}

}
