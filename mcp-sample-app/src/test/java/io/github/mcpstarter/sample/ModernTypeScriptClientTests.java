package io.github.mcpstarter.sample;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.mcpstarter.sample.orders.OrderService;
import io.github.mcpstarter.sample.seed.SeedData;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The MCP 2026-07-28 era beside the 2025-11-25 one on the same {@code /mcp}, seen by clients
 * nobody here wrote: the official TypeScript SDK v2 client ({@code @modelcontextprotocol/client},
 * {@code src/test/node/ts-sdk-v2-client.mjs}) in each of its version-negotiation modes, and the v1
 * SDK client ({@code @modelcontextprotocol/sdk}, {@code ts-sdk-oauth-client.mjs}), all at once
 * against one running application.
 *
 * <ul>
 * <li>v2 {@code pinned} ({@code versionNegotiation: {mode: {pin: '2026-07-28'}}}): the modern era,
 * its first MCP request {@code server/discover} with the {@code Mcp-Method} header, no
 * {@code initialize}, and no session id, ever, in either direction;</li>
 * <li>v2 {@code auto}: probes with {@code server/discover} and stays modern;</li>
 * <li>v2 {@code legacy} (the SDK's default): the 2025-11-25 handshake and a session;</li>
 * <li>v1: 2025-11-25, as every 2025 client.</li>
 * </ul>
 *
 * <p>Each authenticates by itself, with its SDK's {@code ClientCredentialsProvider}, from the MCP
 * endpoint's 401 (as in {@link OAuthDiscoveryClientTests}), and each must list the same tools and
 * get the same {@code get_order} result; the three v2 runs must agree on the other calls too.
 * The scripts run as {@link TypeScriptSdkClientTests} runs its own: Maven installs them in
 * {@code target/ts-sdk-client}, and they run with the pinned Node.js when that is installed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
class ModernTypeScriptClientTests extends SampleAppTestSupport {

	private static final Log logger = LogFactory.getLog(ModernTypeScriptClientTests.class);

	/** The longest a client run may take. */
	private static final long TIMEOUT_SECONDS = 60;

	private static final String MODERN = "2026-07-28";

	private static final String LEGACY = "2025-11-25";

	private static final String V2_PACKAGE = "@modelcontextprotocol/client";

	/** The envelope every modern request carries in {@code params._meta}. */
	private static final List<String> MODERN_META_KEYS = List.of("io.modelcontextprotocol/clientCapabilities",
			"io.modelcontextprotocol/clientInfo", "io.modelcontextprotocol/protocolVersion");

	private static final String RESOURCE_METADATA = "/.well-known/oauth-protected-resource";

	private static final String AS_METADATA = "/.well-known/oauth-authorization-server";

	@Autowired
	OrderService orders;

	@Test
	void sdkV2PinnedAndAutoSpeak20260728AndV1Speaks20251125AgainstOneApplication() throws Exception {
		String base = DemoAuthorizationServer.baseUrl(this.port);
		String mcpUrl = base + "/mcp";
		// All four at once: one application serves both eras side by side.
		Map<String, NodeClients.NodeProcess> running = new LinkedHashMap<>();
		for (String mode : List.of("pinned", "auto", "legacy")) {
			running.put("v2 " + mode, startV2(mcpUrl, mode));
		}
		running.put("v1", NodeClients.start(NodeClients.directory("ts-sdk-oauth-client.mjs"), credentials(),
				"ts-sdk-oauth-client.mjs", mcpUrl, "streamable"));
		Map<String, JsonNode> summaries = new LinkedHashMap<>();
		for (Map.Entry<String, NodeClients.NodeProcess> client : running.entrySet()) {
			NodeClients.NodeRun run = client.getValue().await(Duration.ofSeconds(TIMEOUT_SECONDS));
			summaries.put(client.getKey(),
					run.sdkClientSummary(client.getKey().startsWith("v2") ? V2_PACKAGE : "@modelcontextprotocol/sdk"));
		}
		summaries.forEach((client, summary) -> {
			assertThat(summary.at("/failure").isNull()).as("%s failure: %s", client, summary.at("/failure")).isTrue();
			logger.info(client + ", the requests it made:" + wire(summary));
		});

		JsonNode pinned = summaries.get("v2 pinned");
		JsonNode auto = summaries.get("v2 auto");
		JsonNode v2Legacy = summaries.get("v2 legacy");
		JsonNode v1 = summaries.get("v1");

		// v2 pinned and auto: the modern era, reached with server/discover alone.
		for (JsonNode modern : List.of(pinned, auto)) {
			String mode = modern.at("/mode").asString();
			assertThat(modern.at("/era").asString()).as("%s era", mode).isEqualTo("modern");
			assertThat(modern.at("/protocolVersion").asString()).as("%s version", mode).isEqualTo(MODERN);
			assertThat(strings(modern.at("/discover/supportedVersions"))).as("%s: server/discover", mode)
				.contains(MODERN, LEGACY);
			assertThat(modern.at("/discover/_meta/io.modelcontextprotocol~1serverInfo/name").asString())
				.isEqualTo("mcp-sample-app");
			assertModernWire(modern, base, mcpUrl);
		}

		// v2 legacy (its default) and v1: the 2025 handshake, on the same endpoint.
		assertThat(v2Legacy.at("/era").asString()).isEqualTo("legacy");
		assertThat(v2Legacy.at("/protocolVersion").asString()).isEqualTo(LEGACY);
		assertThat(absent(v2Legacy.at("/discover"))).isTrue();
		assertLegacyWire(v2Legacy, mcpUrl);
		assertThat(v1.at("/protocolVersion").asString()).isEqualTo(LEGACY);
		assertThat(mcpRpcs(v1, mcpUrl)).containsSubsequence("initialize", "notifications/initialized", "tools/list",
				"tools/call");
		SampleOfferings.assertSeenBy(v1, "v1", this.orders);

		// The same application whichever the era: the server, its tools, the order.
		summaries.forEach((client, summary) -> {
			assertThat(summary.at("/serverInfo/name").asString()).as("%s serverInfo", client).isEqualTo("mcp-sample-app");
			assertThat(strings(summary.at("/tools"))).as("%s tools", client).containsExactlyElementsOf(PUBLISHED_TOOLS);
			assertThat(summary.at("/getOrder2/isError").asBoolean()).as("%s get_order", client).isFalse();
			assertThat(summary.at("/getOrder2/structuredContent")).as("%s get_order {id: 2}", client)
				.isEqualTo(v1.at("/getOrder2/structuredContent"));
			JsonNode claims = summary.at("/token/claims");
			assertThat(OAuthDiscoveryClientTests.audiences(claims.at("/aud"))).as("%s aud", client).containsExactly(mcpUrl);
			assertThat(claims.at("/iss").asString()).as("%s iss", client).isEqualTo(base);
		});
		JsonNode order2 = v1.at("/getOrder2/structuredContent");
		assertThat(order2.at("/id").asLong()).isEqualTo(2);
		assertThat(order2.at("/customerEmail").asString()).isEqualTo("grace@example.com");
		assertThat(order2.at("/status").asString()).isEqualTo("PAID");
		assertThat(order2.at("/total").decimalValue()).isEqualByComparingTo("199.00");

		// The v2 runs, modern or not, agree on every call, and the client validated each result
		// against the tool's outputSchema (it throws on a mismatch, and the run would have failed).
		for (JsonNode v2 : List.of(pinned, auto, v2Legacy)) {
			String mode = v2.at("/mode").asString();
			assertThat(strings(v2.at("/toolsWithOutputSchema"))).as("%s: tools with an outputSchema", mode)
				.contains("get_order", "get_product", "list_products", "inventory_valuation");
			for (String call : List.of("/getProduct", "/listProducts", "/unknownOrder", "/unknownTool")) {
				assertThat(v2.at(call)).as("%s %s", mode, call).isEqualTo(pinned.at(call));
			}
			assertThat(v2.at("/getProduct/structuredContent/sku").asString()).isEqualTo("SKU-1002");
			assertThat(v2.at("/listProducts/structuredContent/content").size()).isEqualTo(3);
			// A tool error (the application's 404) is a result, not a protocol error.
			assertThat(v2.at("/unknownOrder/isError").asBoolean()).isTrue();
			assertThat(v2.at("/unknownOrder/text").asString()).startsWith("HTTP 404 Not Found")
				.contains("No order has id 999.");
			// A tool that is not published: JSON-RPC invalid params.
			assertThat(v2.at("/unknownTool/thrown").asBoolean()).as("%s unknownTool %s", mode, v2.at("/unknownTool"))
				.isTrue();
			assertThat(v2.at("/unknownTool/code").asInt()).isEqualTo(-32602);
			assertThat(v2.at("/unknownTool/message").asString()).contains("restock_product");
			// Progress, in either era: increasing, up to the catalog's size.
			assertThat(v2.at("/valuation/isError").asBoolean()).isFalse();
			assertThat(v2.at("/valuation/structuredContent")).isEqualTo(pinned.at("/valuation/structuredContent"));
			List<Double> progress = v2.at("/progress").valueStream().map((p) -> p.at("/progress").asDouble()).toList();
			assertThat(progress).as("%s progress", mode).isNotEmpty().isSorted().doesNotHaveDuplicates();
			assertThat(progress.get(progress.size() - 1)).isEqualTo((double) SeedData.PRODUCTS.size());
			assertThat(v2.at("/progress").valueStream().map((p) -> p.at("/total").asDouble()))
				.allSatisfy((total) -> assertThat(total).isEqualTo((double) SeedData.PRODUCTS.size()));
			assertThat(strings(v2.at("/clientErrors"))).as("%s client errors", mode).isEmpty();
			SampleOfferings.assertSeenBy(v2, v2.at("/mode").asString(), this.orders);
		}
	}


	/**
	 * What a modern-era run put on the wire: the discovery (started by the 401 of the probe), then
	 * stateless POSTs only, each with the modern headers and envelope, and no session id at all.
	 */
	private static void assertModernWire(JsonNode summary, String base, String mcpUrl) {
		String mode = summary.at("/mode").asString();
		List<JsonNode> requests = summary.at("/requests").valueStream().toList();
		String wire = wire(summary);
		assertThat(requests).as("%s requests:%s", mode, wire).hasSizeGreaterThan(5);

		// The very first request is the probe, without a token: 401, and where to look next.
		JsonNode probe = requests.get(0);
		assertThat(describe(probe)).as("%s requests:%s", mode, wire).isEqualTo("POST " + mcpUrl + " 401");
		assertThat(probe.at("/rpc").asString()).isEqualTo("server/discover");
		assertThat(probe.at("/authorization").isNull()).isTrue();
		assertThat(OAuthDiscoveryClientTests.bearerChallenge(probe.at("/wwwAuthenticate").asString()))
			.containsEntry("resource_metadata", base + RESOURCE_METADATA + "/mcp");
		assertThat(describe(requests.get(1))).as("%s requests:%s", mode, wire)
			.isEqualTo("GET " + base + RESOURCE_METADATA + "/mcp 200");
		assertThat(describe(requests.get(2))).as("%s requests:%s", mode, wire).isEqualTo("GET " + base + AS_METADATA + " 200");
		JsonNode token = requests.get(3);
		assertThat(token.at("/method").asString() + " " + token.at("/status").asInt()).as("%s requests:%s", mode, wire)
			.isEqualTo("POST 200");
		assertThat(token.at("/authorization").asString()).isEqualTo("Basic");
		assertThat(token.at("/form/grant_type").asString()).isEqualTo("client_credentials");
		assertThat(token.at("/form/resource").asString()).isEqualTo(mcpUrl);

		// Then MCP only: the first request server/discover again, with its token.
		List<JsonNode> mcp = requests.subList(4, requests.size());
		JsonNode discover = mcp.get(0);
		assertThat(describe(discover)).as("%s requests:%s", mode, wire).isEqualTo("POST " + mcpUrl + " 200");
		assertThat(discover.at("/rpc").asString()).isEqualTo("server/discover");
		assertThat(discover.at("/sent/mcp-method").asString()).isEqualTo("server/discover");
		assertThat(discover.at("/sent/mcp-protocol-version").asString()).isEqualTo(MODERN);
		assertThat(mcp).as("%s MCP requests:%s", mode, wire).allSatisfy((request) -> {
			assertThat(describe(request)).isEqualTo("POST " + mcpUrl + " 200");
			assertThat(request.at("/authorization").asString()).isEqualTo("Bearer");
			assertThat(request.at("/sent/mcp-protocol-version").asString()).isEqualTo(MODERN);
			assertThat(request.at("/sent/mcp-method").asString()).isEqualTo(request.at("/rpc").asString());
			assertThat(strings(request.at("/metaKeys"))).containsAll(MODERN_META_KEYS);
			assertThat(request.at("/protocolVersionClaim").asString()).isEqualTo(MODERN);
			if ("tools/call".equals(request.at("/rpc").asString())) {
				assertThat(request.at("/sent/mcp-name").asString()).isEqualTo(request.at("/toolName").asString());
			}
		});
		assertThat(mcpRpcs(summary, mcpUrl)).as("%s requests:%s", mode, wire)
			.doesNotContain("initialize", "notifications/initialized")
			.containsSubsequence("server/discover", "tools/list", "tools/call");
		// No session: never sent (not on the 401'd probe either), never given.
		assertThat(requests).as("%s: no session id, either way:%s", mode, wire).allSatisfy((request) -> {
			assertThat(absent(request.at("/sent/mcp-session-id"))).as("sent %s", request).isTrue();
			assertThat(absent(request.at("/received/mcp-session-id"))).as("received %s", request).isTrue();
		});
	}

	/** The 2025 handshake of the v2 client's legacy mode: initialize, a session, DELETE at the end. */
	private static void assertLegacyWire(JsonNode summary, String mcpUrl) {
		String wire = wire(summary);
		List<JsonNode> mcp = summary.at("/requests")
			.valueStream()
			.filter((request) -> request.at("/url").asString().equals(mcpUrl) && request.at("/status").asInt() != 401)
			.toList();
		assertThat(mcp.get(0).at("/rpc").asString()).as("requests:%s", wire).isEqualTo("initialize");
		assertThat(absent(mcp.get(0).at("/sent/mcp-method"))).as("no modern header on initialize").isTrue();
		String session = mcp.get(0).at("/received/mcp-session-id").asString(null);
		assertThat(session).as("session id of initialize:%s", wire).isNotBlank();
		assertThat(mcp.subList(1, mcp.size())).as("requests:%s", wire).allSatisfy((request) -> {
			assertThat(request.at("/sent/mcp-session-id").asString()).isEqualTo(session);
			assertThat(request.at("/sent/mcp-protocol-version").asString()).isEqualTo(LEGACY);
		});
		assertThat(mcpRpcs(summary, mcpUrl)).doesNotContain("server/discover")
			.containsSubsequence("initialize", "notifications/initialized", "tools/list", "tools/call");
		assertThat(mcp.get(mcp.size() - 1).at("/method").asString()).as("requests:%s", wire).isEqualTo("DELETE");
	}

	// ---------------------------------------------------------------------------------------
	// Running the clients
	// ---------------------------------------------------------------------------------------

	private NodeClients.NodeProcess startV2(String mcpUrl, String mode) throws IOException {
		NodeClients.directoryWith(V2_PACKAGE);
		Map<String, String> environment = new LinkedHashMap<>(credentials());
		// The credentials belong to this issuer (SEP-2352); the client still finds it by discovery.
		environment.put("MCP_EXPECTED_ISSUER", DemoAuthorizationServer.baseUrl(this.port));
		return NodeClients.start(NodeClients.directory("ts-sdk-v2-client.mjs"), environment, "ts-sdk-v2-client.mjs",
				mcpUrl, mode);
	}

	/** The demo client's id and secret, and nothing else: no token, no token endpoint. */
	private static Map<String, String> credentials() {
		return Map.of("MCP_CLIENT_ID", DemoAuthorizationServer.CLIENT_ID, "MCP_CLIENT_SECRET",
				DemoAuthorizationServer.CLIENT_SECRET);
	}

	/** The JSON-RPC methods a run posted to the MCP endpoint with a token, in order. */
	private static List<String> mcpRpcs(JsonNode summary, String mcpUrl) {
		List<String> rpcs = new ArrayList<>();
		summary.at("/requests").valueStream()
			.filter((request) -> request.at("/url").asString().equals(mcpUrl) && request.at("/status").asInt() != 401)
			.map((request) -> request.at("/rpc").asString(""))
			.filter((rpc) -> !rpc.isEmpty())
			.forEach(rpcs::add);
		return rpcs;
	}

	private static String wire(JsonNode summary) {
		return summary.at("/requests").valueStream().map((request) -> {
			String line = describe(request);
			if (request.hasNonNull("rpc")) {
				line += " " + request.at("/rpc").asString("");
			}
			JsonNode sent = request.at("/sent");
			for (String header : List.of("mcp-method", "mcp-protocol-version", "mcp-session-id")) {
				if (sent.hasNonNull(header)) {
					line += " " + header + "=" + sent.at("/" + header).asString();
				}
			}
			return line;
		}).reduce("", (a, b) -> a + "\n  " + b);
	}

	private static String describe(JsonNode request) {
		return request.at("/method").asString() + " " + request.at("/url").asString() + " "
				+ request.at("/status").asString("?");
	}

	/** JSON null, or no such member. */
	private static boolean absent(JsonNode node) {
		return node.isNull() || node.isMissingNode();
	}

	private static List<String> strings(JsonNode array) {
		return array.valueStream().map(JsonNode::asString).toList();
	}

}
