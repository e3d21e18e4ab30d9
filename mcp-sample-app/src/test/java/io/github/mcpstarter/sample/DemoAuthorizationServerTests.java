package io.github.mcpstarter.sample;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The port the sample tests run on: never one that Node's fetch refuses to connect to, since
 * every Node client (TypeScript SDK, MCP Inspector) would then fail with "bad port".
 */
class DemoAuthorizationServerTests {

	/** Port 1720 failed eight tests of one CI run; the others are as bad. */
	@Test
	void fetchBlockedPortsAreDrawnAgain() {
		Iterator<Integer> draws = List.of(1720, 6666, 10080, 1719, 6000, 41234).iterator();

		assertThat(DemoAuthorizationServer.fetchablePort(draws::next)).isEqualTo(41234);
	}

	@Test
	void aFetchablePortIsTakenAtOnce() {
		Iterator<Integer> draws = List.of(8080, 1720).iterator();

		assertThat(DemoAuthorizationServer.fetchablePort(draws::next)).isEqualTo(8080);
	}

	/** The list is undici's own, as installed for the Node clients, so that it cannot fall behind. */
	@Test
	void blockedPortsAreThoseOfTheInstalledUndici() throws Exception {
		Path constants = NodeClients.directoryWith("undici").resolve("node_modules/undici/lib/web/fetch/constants.js");
		String source = Files.readString(constants, StandardCharsets.UTF_8);
		Matcher list = Pattern.compile("badPorts\\s*=[^\\[]*\\[([^\\]]*)\\]").matcher(source);
		assertThat(list.find()).as("the badPorts list in %s", constants).isTrue();
		Set<Integer> undici = Pattern.compile("'(\\d+)'")
			.matcher(list.group(1))
			.results()
			.map((port) -> Integer.valueOf(port.group(1)))
			.collect(Collectors.toSet());

		assertThat(undici).contains(1720);
		assertThat(DemoAuthorizationServer.FETCH_BLOCKED_PORTS).containsExactlyInAnyOrderElementsOf(undici);
	}

}
