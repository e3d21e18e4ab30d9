package io.github.mcpstarter.fleet;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.mcpstarter.fleet.RoundRobinProxy.Routed;
import io.github.mcpstarter.sample.NodeClients;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The official MCP TypeScript SDK's clients against the fleet, through the round-robin proxy: v1
 * over Streamable HTTP (a 2025-11-25 session), v1 over the legacy HTTP+SSE transport, and v2 in
 * the 2026-07-28 era (pinned), which finds its token by discovery through the proxy and the
 * issuer, instance 0. The same scripts as the single-instance tests ({@code ts-sdk-client.mjs},
 * {@code ts-sdk-v2-client.mjs}), all three at once; the proxy's log tells their requests apart by
 * session id, path and protocol version.
 */
@Timeout(value = 90, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class FleetTypeScriptClientTests {

	private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(60);

	private static Fleet fleet;

	@BeforeAll
	static void startFleet() {
		fleet = Fleet.shared();
	}

	@Test
	void typeScriptClientsOfBothSdkVersionsListAndCallToolsThroughTheProxy() throws Exception {
		Path directory = NodeClients.directory("ts-sdk-client.mjs");
		NodeClients.directoryWith("@modelcontextprotocol/client");
		Map<String, String> token = Map.of("MCP_ACCESS_TOKEN", fleet.token());
		int mark = fleet.proxy().mark();
		NodeClients.NodeProcess streamable = NodeClients.start(directory, token, "ts-sdk-client.mjs", fleet.url(),
				"streamable");
		NodeClients.NodeProcess sse = NodeClients.start(directory, token, "ts-sdk-client.mjs", fleet.url(), "sse");
		NodeClients.NodeProcess modern = NodeClients.start(directory,
				Map.of("MCP_CLIENT_ID", Fleet.CLIENT_ID, "MCP_CLIENT_SECRET", Fleet.CLIENT_SECRET, "MCP_EXPECTED_ISSUER",
						fleet.issuer()),
				"ts-sdk-v2-client.mjs", fleet.mcpUrl(), "pinned");

		JsonNode streamableSummary = streamable.await(CLIENT_TIMEOUT).sdkClientSummary();
		JsonNode sseSummary = sse.await(CLIENT_TIMEOUT).sdkClientSummary();
		JsonNode modernSummary = modern.await(CLIENT_TIMEOUT).sdkClientSummary("@modelcontextprotocol/client");

		for (JsonNode summary : List.of(streamableSummary, sseSummary, modernSummary)) {
			String client = summary.at("/transport").asString(summary.at("/mode").asString());
			assertThat(summary.at("/failure").isNull()).as("%s failure: %s", client, summary.at("/failure")).isTrue();
			assertThat(strings(summary.at("/tools"))).as("%s tools", client).contains("get_order", "inventory_valuation");
			assertThat(summary.at("/getOrder2/isError").asBoolean()).as("%s get_order", client).isFalse();
			assertThat(summary.at("/getOrder2/structuredContent/customerEmail").asString()).as("%s get_order", client)
				.isEqualTo("grace@example.com");
			assertThat(summary.at("/unknownOrder/isError").asBoolean()).as("%s unknown order", client).isTrue();
			assertThat(summary.at("/valuation/isError").asBoolean()).as("%s inventory_valuation", client).isFalse();
			assertThat(summary.at("/progress").size()).as("%s progress", client).isPositive();
		}
		assertThat(streamableSummary.at("/protocolVersion").asString()).isEqualTo(McpWire.LEGACY);
		// The v1 client offers its latest version over SSE too, and the server agrees to it.
		assertThat(sseSummary.at("/protocolVersion").asString()).isEqualTo(McpWire.LEGACY);
		assertThat(modernSummary.at("/era").asString()).isEqualTo("modern");
		assertThat(modernSummary.at("/protocolVersion").asString()).isEqualTo(McpWire.MODERN);

		// Each client's requests went to more than one instance.
		List<Routed> routed = fleet.proxy().routedSince(mark);
		List<Routed> inSession = routed.stream()
			.filter((r) -> r.method().equals("POST") && r.path().equals("/mcp") && r.header("Mcp-Session-Id") != null)
			.toList();
		List<Routed> sseMessages = routed.stream().filter((r) -> r.path().endsWith("/message")).toList();
		List<Routed> modernCalls = routed.stream()
			.filter((r) -> r.path().equals("/mcp") && McpWire.MODERN.equals(r.header("MCP-Protocol-Version")))
			.toList();
		assertThat(FleetJavaSdkClientTests.backends(inSession)).as("v1 Streamable HTTP session: %s", inSession)
			.hasSizeGreaterThanOrEqualTo(2);
		assertThat(FleetJavaSdkClientTests.backends(sseMessages)).as("v1 SSE messages: %s", sseMessages)
			.hasSizeGreaterThanOrEqualTo(2);
		assertThat(FleetJavaSdkClientTests.backends(modernCalls)).as("v2 modern requests: %s", modernCalls)
			.hasSizeGreaterThanOrEqualTo(2);
	}

	private static List<String> strings(JsonNode array) {
		List<String> values = new ArrayList<>();
		array.forEach((value) -> values.add(value.asString()));
		return values;
	}

}
