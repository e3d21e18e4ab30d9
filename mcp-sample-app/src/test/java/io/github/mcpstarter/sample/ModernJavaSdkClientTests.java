package io.github.mcpstarter.sample;

import java.net.URI;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.mcpstarter.realcode.SchemaValidation;
import io.github.mcpstarter.sample.OAuthDiscoveryClientTests.ClientCredentialsDiscovery;
import io.github.mcpstarter.sample.orders.OrderService;
import io.github.mcpstarter.sample.seed.SeedData;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.client.transport.McpHttpClientTransportAuthorizationException;
import io.modelcontextprotocol.client.transport.customizer.McpHttpClientTransportAuthorizationErrorHandler;
import io.modelcontextprotocol.json.jackson3.JacksonMcpJsonMapper;
import io.modelcontextprotocol.modern.McpException;
import io.modelcontextprotocol.modern.McpSchema;
import io.modelcontextprotocol.modern.client.McpClient;
import io.modelcontextprotocol.modern.client.McpSyncClient;
import io.modelcontextprotocol.modern.client.transport.HttpClientMcpTransport;
import io.modelcontextprotocol.modern.client.transport.McpHttpAuthorizationErrorHandler;
import io.modelcontextprotocol.modern.client.transport.McpHttpRequestCustomizer;
import io.modelcontextprotocol.modern.client.transport.McpHttpStatusException;
import io.modelcontextprotocol.spec.McpError;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The MCP Java SDK's two clients against the same running application: the 2026-07-28 ("modern")
 * client of {@code io.modelcontextprotocol.modern.client} over {@code HttpClientMcpTransport},
 * stateless, without a handshake; and the 2025 client of {@code io.modelcontextprotocol.client}
 * over {@code HttpClientStreamableHttpTransport}, with {@code initialize} and a session. Both on
 * {@code /mcp}, which serves both eras side by side.
 *
 * <p>Neither SDK client has an OAuth client of its own: each gets a real token from the embedded
 * authorization server by the MCP authorization discovery ({@link ClientCredentialsDiscovery} of
 * {@link OAuthDiscoveryClientTests}, with {@code java.net.http}), started by the 401 of its own
 * first request and handed to its transport's authorization error handler, which then has the SDK
 * send that request again.
 *
 * <p>The modern client does not check {@code structuredContent} against the tool's
 * {@code outputSchema} (the legacy one does, with {@code enableCallToolSchemaCaching}), so this
 * test does, with networknt.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
class ModernJavaSdkClientTests extends SampleAppTestSupport {

	private static final Log logger = LogFactory.getLog(ModernJavaSdkClientTests.class);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String MODERN = "2026-07-28";

	private static final String LEGACY = "2025-11-25";

	private static final String SERVER_INFO = "io.modelcontextprotocol/serverInfo";

	private static final String RESOURCE_METADATA = "/.well-known/oauth-protected-resource";

	private static final String AS_METADATA = "/.well-known/oauth-authorization-server";

	/** The demo client's scopes, all the sample's tools need: what its 401s ask for. */
	private static final List<String> CHALLENGE_SCOPES = List.of("orders.read", "orders.write", "inventory.read");

	/** The calls both eras make, read-only and deterministic: the same arguments, the same answers. */
	private static final Map<String, Map<String, Object>> READ_CALLS = readCalls();

	@Autowired
	OrderService orders;

	private final SchemaValidation schemas = new SchemaValidation();

	private final List<AutoCloseable> clients = new ArrayList<>();

	private String base;

	private String mcpUrl;

	@BeforeEach
	void urls() {
		this.base = DemoAuthorizationServer.baseUrl(this.port);
		this.mcpUrl = this.base + "/mcp";
	}

	@AfterEach
	void closeLegacyClients() throws Exception {
		for (AutoCloseable client : this.clients) {
			client.close();
		}
	}

	@Test
	void modernClientDiscoversListsAndCallsWithATokenFoundByDiscovery() {
		Modern modern = modern(discovery(null));

		McpSchema.DiscoverResult discover = modern.client().discover();
		assertThat(discover.supportedVersions()).contains(MODERN, LEGACY);
		assertThat(discover.resultType()).isEqualTo("complete");
		assertThat(JSON.valueToTree(discover.meta()).at("/" + SERVER_INFO.replace("/", "~1") + "/name").asString())
			.isEqualTo("mcp-sample-app");
		assertThat(discover.capabilities().tools()).as("tools capability").isNotNull();

		List<McpSchema.Tool> tools = modern.client().listTools().list().tools();
		assertThat(tools).extracting(McpSchema.Tool::name).containsExactlyElementsOf(PUBLISHED_TOOLS);

		McpSchema.CallToolResult order2 = modern.client().tool("get_order").arguments(Map.of("id", 2)).call();
		assertThat(order2.isError()).isNotEqualTo(Boolean.TRUE);
		JsonNode order = JSON.valueToTree(order2.structuredContent());
		assertThat(order.at("/id").asLong()).isEqualTo(2);
		assertThat(order.at("/customerEmail").asString()).isEqualTo("grace@example.com");
		assertThat(order.at("/status").asString()).isEqualTo("PAID");
		assertThat(order.at("/total").decimalValue()).isEqualByComparingTo("199.00");
		assertThat(JSON.valueToTree(order2.meta()).at("/" + SERVER_INFO.replace("/", "~1") + "/name").asString())
			.as("every modern result names the server").isEqualTo("mcp-sample-app");

		// Progress of a modern call: the tool reports one step per product.
		List<McpSchema.ProgressParams> progress = new CopyOnWriteArrayList<>();
		McpSchema.CallToolResult valuation = modern.client()
			.tool("inventory_valuation")
			.arguments(Map.of("auditMillis", 5))
			.progress(progress::add)
			.call();
		assertThat(valuation.isError()).isNotEqualTo(Boolean.TRUE);
		assertThat(progress).extracting(McpSchema.ProgressParams::progress)
			.isNotEmpty()
			.isSorted()
			.doesNotHaveDuplicates()
			.last()
			.isEqualTo((double) SeedData.PRODUCTS.size());
		assertThat(progress).extracting(McpSchema.ProgressParams::total)
			.containsOnly((double) SeedData.PRODUCTS.size());

		// What went on the wire: the discovery, started by the 401 of discover itself, then only
		// stateless 2026-07-28 requests with the token; no session id, ever.
		List<String> trace = List.copyOf(modern.discovery().trace);
		String wire = String.join("\n  ", trace);
		logger.info("Modern Java SDK client, what it did:\n  " + wire);
		assertThat(trace.subList(0, 5)).as("trace:\n  %s", wire)
			.containsExactly("POST " + this.mcpUrl + " server/discover (no token) -> 401",
					"GET " + this.base + RESOURCE_METADATA + "/mcp -> 200", "GET " + this.base + AS_METADATA + " -> 200",
					"POST " + modern.discovery().tokenEndpoint + " (Basic) -> 200",
					"POST " + this.mcpUrl + " server/discover (Bearer)");
		assertThat(trace.subList(5, trace.size())).as("trace:\n  %s", wire)
			.allSatisfy((step) -> assertThat(step).startsWith("POST " + this.mcpUrl + " ").endsWith(" (Bearer)"))
			.containsSubsequence("POST " + this.mcpUrl + " tools/list (Bearer)",
					"POST " + this.mcpUrl + " tools/call get_order (Bearer)",
					"POST " + this.mcpUrl + " tools/call inventory_valuation (Bearer)");
		assertThat(modern.sent()).as("headers of every request").hasSize(trace.size() - 3).allSatisfy((headers) -> {
			assertThat(headers.firstValue("MCP-Protocol-Version")).hasValue(MODERN);
			assertThat(headers.firstValue("Mcp-Method")).isPresent();
			assertThat(headers.firstValue("Mcp-Session-Id")).isEmpty();
		});
		assertThat(modern.refusals()).as("refusals seen by the authorization error handler").containsExactly("401");

		// The token: for this endpoint, from the discovered issuer, with the scopes the 401 asked for.
		assertThat(modern.discovery().resource).isEqualTo(this.mcpUrl);
		assertThat(modern.discovery().issuer).isEqualTo(this.base);
		JsonNode claims = DemoAuthorizationServer.claims(modern.discovery().accessToken.get());
		assertThat(OAuthDiscoveryClientTests.audiences(claims.at("/aud"))).containsExactly(this.mcpUrl);
		assertThat(OAuthDiscoveryClientTests.audiences(claims.at("/scope")))
			.containsExactlyInAnyOrderElementsOf(CHALLENGE_SCOPES);
	}

	@Test
	void modernAndLegacyClientsGetTheSameResultsFromTheSameEndpoint() {
		Modern modern = modern(discovery(null));
		Legacy legacy = legacy(discovery(null));

		io.modelcontextprotocol.spec.McpSchema.InitializeResult initialized = legacy.client().initialize();
		assertThat(initialized.protocolVersion()).isEqualTo(LEGACY);
		assertThat(initialized.serverInfo().name()).isEqualTo("mcp-sample-app");
		assertThat(legacy.discovery().trace.get(0)).isEqualTo("POST " + this.mcpUrl + " (no token) -> 401");

		// The same tools, with the same schemas.
		List<McpSchema.Tool> modernTools = modern.client().listTools().list().tools();
		List<io.modelcontextprotocol.spec.McpSchema.Tool> legacyTools = legacy.client().listTools().tools();
		assertThat(modernTools).extracting(McpSchema.Tool::name).containsExactlyElementsOf(PUBLISHED_TOOLS);
		assertThat(legacyTools).extracting(io.modelcontextprotocol.spec.McpSchema.Tool::name)
			.containsExactlyElementsOf(PUBLISHED_TOOLS);
		Map<String, JsonNode> outputSchemas = new LinkedHashMap<>();
		for (int i = 0; i < modernTools.size(); i++) {
			McpSchema.Tool tool = modernTools.get(i);
			assertThat(tree(tool.inputSchema())).as("inputSchema of %s", tool.name())
				.isEqualTo(tree(legacyTools.get(i).inputSchema()));
			assertThat(tree(tool.outputSchema())).as("outputSchema of %s", tool.name())
				.isEqualTo(tree(legacyTools.get(i).outputSchema()));
			outputSchemas.put(tool.name(), tree(tool.outputSchema()));
		}

		// The same calls, the same results; the modern ones valid against their outputSchema.
		READ_CALLS.forEach((name, arguments) -> {
			Outcome modernResult = modern.call(name, arguments);
			Outcome legacyResult = legacy.call(name, arguments);
			assertThat(modernResult.isError()).as("%s %s isError", name, arguments).isFalse();
			assertThat(modernResult.structuredContent()).as("%s %s: modern structuredContent", name, arguments)
				.isEqualTo(legacyResult.structuredContent());
			assertThat(modernResult).as("%s %s", name, arguments).isEqualTo(legacyResult);
			assertThat(this.schemas.errors(outputSchemas.get(name), modernResult.structuredContent()))
				.as("%s: modern structuredContent against the outputSchema", name)
				.isEmpty();
		});

		// A tool error (the application's 404): the same result in both eras.
		Outcome modernMissing = modern.call("get_order", Map.of("id", 999));
		assertThat(modernMissing.isError()).isTrue();
		assertThat(modernMissing.text()).startsWith("HTTP 404 Not Found").contains("No order has id 999.");
		assertThat(modernMissing).isEqualTo(legacy.call("get_order", Map.of("id", 999)));

		// A tool that is not published: the same JSON-RPC error. (The modern client calls by name
		// only what the server lists, so it is given the tool itself to send the call anyway.)
		Throwable modernUnknown = catchThrowable(() -> modern.client()
			.tool(McpSchema.Tool.builder("restock_product", Map.of("type", "object")).build())
			.arguments(Map.of("sku", "SKU-1005"))
			.call());
		Throwable legacyUnknown = catchThrowable(() -> legacy.client()
			.callTool(io.modelcontextprotocol.spec.McpSchema.CallToolRequest.builder("restock_product")
				.arguments(Map.of("sku", "SKU-1005"))
				.build()));
		assertThat(modernUnknown).isInstanceOf(McpException.class);
		assertThat(legacyUnknown).isInstanceOf(McpError.class);
		McpException modernError = (McpException) modernUnknown;
		McpError legacyError = (McpError) legacyUnknown;
		assertThat(modernError.error().code()).isEqualTo(-32602).isEqualTo(legacyError.getJsonRpcError().code());
		assertThat(modernError.error().message()).contains("restock_product")
			.isEqualTo(legacyError.getJsonRpcError().message());

		// The legacy client kept one session throughout; the modern one never had any.
		assertThat(legacy.sessionIds()).as("session ids the legacy client sent").hasSize(1);
		assertThat(modern.sent()).allSatisfy((headers) -> assertThat(headers.firstValue("Mcp-Session-Id")).isEmpty());
	}

	@Test
	void aTokenWithoutTheToolsScopeGetsTheSameRefusalInBothEras() {
		// The tool as a client with every scope lists it.
		McpSchema.Tool createOrder = modern(discovery(null)).client()
			.listTools()
			.list()
			.tools()
			.stream()
			.filter((tool) -> tool.name().equals("create_order"))
			.findFirst()
			.orElseThrow();
		// Tokens for orders.read alone, from the same discovery: create_order needs orders.write.
		Modern modern = modern(discovery("orders.read"));
		Legacy legacy = legacy(discovery("orders.read"));
		assertThat(legacy.client().initialize().protocolVersion()).isEqualTo(LEGACY);
		assertThat(OAuthDiscoveryClientTests.audiences(
				DemoAuthorizationServer.claims(legacy.discovery().accessToken.get()).at("/scope")))
			.containsExactly("orders.read");

		// Neither era lists what the token cannot call.
		List<String> modernNames = modern.client().listTools().list().tools().stream().map(McpSchema.Tool::name).toList();
		assertThat(modernNames).doesNotContain("create_order").contains("get_order")
			.containsExactlyElementsOf(legacy.client().listTools().tools().stream().map((tool) -> tool.name()).toList());

		Map<String, Object> arguments = Map.of("request",
				Map.of("customerEmail", "jurgen@example.com", "lines", List.of(Map.of("sku", "SKU-1002", "quantity", 1)),
						"shippingAddress",
						Map.of("street", "Hauptstrasse 1", "city", "Berlin", "postalCode", "10115", "country", "DE")));

		// Modern: HTTP 403 with the insufficient_scope challenge, and the JSON-RPC error -32003.
		Throwable modernRefusal = catchThrowable(() -> modern.client().tool(createOrder).arguments(arguments).call());
		assertThat(modernRefusal).as("modern refusal").isInstanceOf(McpHttpStatusException.class);
		McpHttpStatusException status = (McpHttpStatusException) modernRefusal;
		assertThat(status.statusCode()).isEqualTo(403);
		Map<String, String> modernChallenge = OAuthDiscoveryClientTests
			.bearerChallenge(status.headers().firstValue("WWW-Authenticate").orElse(null));
		JsonNode body = JSON.readTree(status.body());
		assertThat(body.at("/error/code").asInt()).as("body %s", status.body()).isEqualTo(-32003);
		assertThat(body.at("/error/data/error").asString()).isEqualTo("insufficient_scope");
		assertThat(body.at("/error/data/scope").asString()).isEqualTo("orders.write");
		assertThat(modern.refusals()).containsExactly("401", "403");

		// Legacy: the same 403 and challenge, which its transport reports as an authorization error.
		Throwable legacyRefusal = catchThrowable(() -> legacy.client()
			.callTool(io.modelcontextprotocol.spec.McpSchema.CallToolRequest.builder("create_order")
				.arguments(arguments)
				.build()));
		McpHttpClientTransportAuthorizationException authorization = cause(legacyRefusal,
				McpHttpClientTransportAuthorizationException.class);
		assertThat(authorization).as("legacy refusal %s", legacyRefusal).isNotNull();
		assertThat(authorization.getResponseInfo().statusCode()).isEqualTo(403);
		Map<String, String> legacyChallenge = OAuthDiscoveryClientTests.bearerChallenge(
				authorization.getResponseInfo().headers().firstValue("WWW-Authenticate").orElse(null));
		assertThat(legacy.refusals()).containsExactly("401", "403");

		assertThat(modernChallenge).containsEntry("error", "insufficient_scope")
			.containsEntry("scope", "orders.write")
			.containsEntry("resource_metadata", this.base + RESOURCE_METADATA + "/mcp")
			.isEqualTo(legacyChallenge);

		// Nothing was created, and both clients go on with what the token allows.
		assertThat(this.orders.list(0, 100, null, null).totalElements()).isEqualTo(SeedData.ORDERS.size());
		assertThat(modern.call("get_order", Map.of("id", 2))).isEqualTo(legacy.call("get_order", Map.of("id", 2)));
	}

	@Test
	void bothClientsReadResourcesGetPromptsAndCompleteArgumentsOfTheOrdinaryControllers() {
		Modern modern = modern(discovery(null));
		Legacy legacy = legacy(discovery(null));
		io.modelcontextprotocol.spec.McpSchema.InitializeResult initialized = legacy.client().initialize();
		McpSchema.ServerCapabilities capabilities = modern.client().discover().capabilities();
		assertThat(capabilities.resources()).as("resources capability").isNotNull();
		assertThat(capabilities.prompts()).as("prompts capability").isNotNull();
		assertThat(capabilities.completions()).as("completions capability").isNotNull();
		assertThat(initialized.capabilities().resources()).isNotNull();
		assertThat(initialized.capabilities().prompts()).isNotNull();
		assertThat(initialized.capabilities().completions()).isNotNull();

		// The same resources and templates in both eras.
		List<String> resources = modern.client().resources().list().resources().stream().map(McpSchema.Resource::uri)
			.toList();
		assertThat(resources).containsExactly("catalog://products")
			.isEqualTo(legacy.client().listResources().resources().stream().map((resource) -> resource.uri()).toList());
		List<String> templates = modern.client().resourceTemplates().list().resourceTemplates().stream()
			.map(McpSchema.ResourceTemplate::uriTemplate)
			.toList();
		assertThat(templates).containsExactlyInAnyOrder("orders://{id}", "products://{sku}")
			.isEqualTo(legacy.client().listResourceTemplates().resourceTemplates().stream()
				.map((template) -> template.uriTemplate())
				.toList());

		// orders://2 is GET /api/orders/2, as JSON, whichever the era.
		McpSchema.TextResourceContents order = (McpSchema.TextResourceContents) modern.client()
			.resource("orders://2")
			.read()
			.contents()
			.get(0);
		assertThat(order.uri()).isEqualTo("orders://2");
		assertThat(order.mimeType()).isEqualTo("application/json");
		assertThat(JSON.readTree(order.text()).at("/customerEmail").asString())
			.isEqualTo(this.orders.get(2).customerEmail());
		io.modelcontextprotocol.spec.McpSchema.TextResourceContents legacyOrder = (io.modelcontextprotocol.spec.McpSchema.TextResourceContents) legacy
			.client()
			.readResource(new io.modelcontextprotocol.spec.McpSchema.ReadResourceRequest("orders://2"))
			.contents()
			.get(0);
		assertThat(JSON.readTree(legacyOrder.text())).isEqualTo(JSON.readTree(order.text()));
		McpSchema.TextResourceContents catalog = (McpSchema.TextResourceContents) modern.client()
			.resource("catalog://products")
			.read()
			.contents()
			.get(0);
		assertThat(JSON.readTree(catalog.text()).at("/content").size()).isEqualTo(Math.min(20, SeedData.PRODUCTS.size()));

		// The prompts, their arguments, and one filled in from the order.
		List<McpSchema.Prompt> prompts = modern.client().prompts().list().prompts();
		assertThat(prompts).extracting(McpSchema.Prompt::name)
			.containsExactlyInAnyOrder("orders_in_status", "summarize_order");
		assertThat(prompts).allSatisfy((prompt) -> assertThat(prompt.description()).isNotBlank());
		McpSchema.GetPromptResult summary = modern.client().prompt("summarize_order").arguments(Map.of("id", "2")).get();
		String text = ((McpSchema.TextContent) summary.messages().get(0).content()).text();
		assertThat(text).contains("order #2", this.orders.get(2).customerEmail(), "PAID");
		io.modelcontextprotocol.spec.McpSchema.GetPromptResult legacySummary = legacy.client()
			.getPrompt(new io.modelcontextprotocol.spec.McpSchema.GetPromptRequest("summarize_order", Map.of("id", "2")));
		assertThat(((io.modelcontextprotocol.spec.McpSchema.TextContent) legacySummary.messages().get(0).content()).text())
			.isEqualTo(text);

		// Completions: SKUs from GET /api/products/skus, statuses from the enum.
		List<String> skus = modern.client()
			.completion(new McpSchema.ResourceReference("products://{sku}"), "sku", "sku-100")
			.complete()
			.completion()
			.values();
		assertThat(skus).isNotEmpty().allSatisfy((sku) -> assertThat(sku).startsWith("SKU-100"));
		assertThat(legacy.client()
			.completeCompletion(new io.modelcontextprotocol.spec.McpSchema.CompleteRequest(
					new io.modelcontextprotocol.spec.McpSchema.ResourceReference("products://{sku}"),
					new io.modelcontextprotocol.spec.McpSchema.CompleteRequest.CompleteArgument("sku", "sku-100")))
			.completion()
			.values()).isEqualTo(skus);
		assertThat(modern.client()
			.completion(new McpSchema.PromptReference("orders_in_status"), "status", "sh")
			.complete()
			.completion()
			.values()).containsExactly("SHIPPED");
	}

	@Test
	void aTokenWithoutOrdersReadSeesNoneOfTheOrderAndCatalogOfferingsInEitherEra() {
		Modern modern = modern(discovery("inventory.read"));
		Legacy legacy = legacy(discovery("inventory.read"));
		legacy.client().initialize();

		assertThat(modern.client().resources().list().resources()).isEmpty();
		assertThat(modern.client().resourceTemplates().list().resourceTemplates()).isEmpty();
		assertThat(modern.client().prompts().list().prompts()).isEmpty();
		assertThat(legacy.client().listResources().resources()).isEmpty();
		assertThat(legacy.client().listResourceTemplates().resourceTemplates()).isEmpty();
		assertThat(legacy.client().listPrompts().prompts()).isEmpty();

		// Read anyway: the step-up challenge naming the scope the REST call needs.
		Throwable refusal = catchThrowable(() -> modern.client().resource("orders://2").read());
		assertThat(refusal).as("modern refusal").isInstanceOf(McpHttpStatusException.class);
		McpHttpStatusException status = (McpHttpStatusException) refusal;
		assertThat(status.statusCode()).isEqualTo(403);
		assertThat(OAuthDiscoveryClientTests.bearerChallenge(status.headers().firstValue("WWW-Authenticate").orElse(null)))
			.containsEntry("error", "insufficient_scope")
			.containsEntry("scope", "orders.read");
	}

	// ---------------------------------------------------------------------------------------
	// The two clients
	// ---------------------------------------------------------------------------------------

	/** A tool result as both eras are compared on. */
	record Outcome(boolean isError, JsonNode structuredContent, String text) {
	}

	/**
	 * The modern client, its discovery, the headers of every request it sent and the statuses its
	 * authorization error handler saw.
	 */
	record Modern(McpSyncClient client, ClientCredentialsDiscovery discovery, List<HttpHeaders> sent,
			List<String> refusals) {

		Outcome call(String name, Map<String, Object> arguments) {
			McpSchema.CallToolResult result = this.client.tool(name).arguments(arguments).call();
			List<String> texts = result.content()
				.stream()
				.filter(McpSchema.TextContent.class::isInstance)
				.map((content) -> ((McpSchema.TextContent) content).text())
				.toList();
			return new Outcome(Boolean.TRUE.equals(result.isError()), JSON.valueToTree(result.structuredContent()),
					String.join("\n", texts));
		}

	}

	/** The legacy client, as {@link Modern}, and the session ids it sent. */
	record Legacy(io.modelcontextprotocol.client.McpSyncClient client, ClientCredentialsDiscovery discovery,
			List<String> sessionIds, List<String> refusals) {

		Outcome call(String name, Map<String, Object> arguments) {
			io.modelcontextprotocol.spec.McpSchema.CallToolResult result = this.client
				.callTool(io.modelcontextprotocol.spec.McpSchema.CallToolRequest.builder(name).arguments(arguments).build());
			List<String> texts = result.content()
				.stream()
				.filter(io.modelcontextprotocol.spec.McpSchema.TextContent.class::isInstance)
				.map((content) -> ((io.modelcontextprotocol.spec.McpSchema.TextContent) content).text())
				.toList();
			return new Outcome(Boolean.TRUE.equals(result.isError()), JSON.valueToTree(result.structuredContent()),
					String.join("\n", texts));
		}

	}

	private ClientCredentialsDiscovery discovery(String scope) {
		return new ClientCredentialsDiscovery(DemoAuthorizationServer.CLIENT_ID, DemoAuthorizationServer.CLIENT_SECRET,
				scope);
	}

	/**
	 * The 2026-07-28 client of {@code /mcp}. It starts without a token: the first request is
	 * refused with 401, the transport hands that to its authorization error handler, which runs
	 * the discovery and answers {@code true}, and the transport sends the request again with the
	 * token the customizer now adds.
	 */
	private Modern modern(ClientCredentialsDiscovery discovery) {
		List<HttpHeaders> sent = new CopyOnWriteArrayList<>();
		List<String> refusals = new CopyOnWriteArrayList<>();
		HttpClientMcpTransport transport = HttpClientMcpTransport.builder(URI.create(this.mcpUrl))
			.connectTimeout(Duration.ofSeconds(10))
			.requestCustomizer(McpHttpRequestCustomizer.fromSync((request, headers, context) -> {
				String token = discovery.accessToken.get();
				discovery.trace.add(request.httpMethod() + " " + request.uri() + " " + request.mcpMethod()
						+ ((request.mcpName() != null) ? " " + request.mcpName() : "")
						+ ((token != null) ? " (Bearer)" : " (no token)"));
				sent.add(request.headers());
				if (token != null) {
					headers.set("Authorization", "Bearer " + token);
				}
			}))
			.authorizationErrorHandler(McpHttpAuthorizationErrorHandler.fromSync((request, response, context) -> {
				refusals.add(String.valueOf(response.statusCode()));
				return discovery.retryAfter(response.statusCode(),
						response.headers().firstValue("WWW-Authenticate").orElse(null));
			}))
			.build();
		McpSyncClient client = McpClient.sync(transport)
			.clientInfo(McpSchema.Implementation.builder("modern-java-sdk-client", "1.0").build())
			.roundTimeout(Duration.ofSeconds(20))
			.callTimeout(Duration.ofSeconds(30))
			.build();
		return new Modern(client, discovery, sent, refusals);
	}

	/** The 2025 client of {@code /mcp}, authenticated as {@link #modern}. Closed after the test. */
	private Legacy legacy(ClientCredentialsDiscovery discovery) {
		List<String> sessionIds = new CopyOnWriteArrayList<>();
		List<String> refusals = new CopyOnWriteArrayList<>();
		HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport.builder(this.base)
			.endpoint("/mcp")
			.jsonMapper(new JacksonMcpJsonMapper(JsonMapper.builder().build()))
			.addHttpRequestCustomizer((request, method, endpoint, body, context) -> {
				String token = discovery.accessToken.get();
				discovery.trace.add(method + " " + endpoint + ((token != null) ? " (Bearer)" : " (no token)"));
				request.build().headers().firstValue("Mcp-Session-Id").filter((id) -> !sessionIds.contains(id))
					.ifPresent(sessionIds::add);
				if (token != null) {
					request.header("Authorization", "Bearer " + token);
				}
			})
			.authorizationErrorHandler(McpHttpClientTransportAuthorizationErrorHandler.fromSync((request, response, context) -> {
				refusals.add(String.valueOf(response.statusCode()));
				return discovery.retryAfter(response.statusCode(),
						response.headers().firstValue("WWW-Authenticate").orElse(null));
			}))
			.build();
		io.modelcontextprotocol.client.McpSyncClient client = io.modelcontextprotocol.client.McpClient.sync(transport)
			.clientInfo(io.modelcontextprotocol.spec.McpSchema.Implementation.builder("legacy-java-sdk-client", "1.0")
				.build())
			.requestTimeout(Duration.ofSeconds(20))
			// The legacy client checks structuredContent against the listed outputSchema.
			.enableCallToolSchemaCaching(true)
			.build();
		this.clients.add(client::closeGracefully);
		return new Legacy(client, discovery, sessionIds, refusals);
	}

	private static Map<String, Map<String, Object>> readCalls() {
		Map<String, Map<String, Object>> calls = new LinkedHashMap<>();
		calls.put("get_order", Map.of("id", 2));
		calls.put("get_product", Map.of("sku", "SKU-1002"));
		calls.put("list_products", Map.of("size", 3));
		calls.put("list_orders", Map.of("status", "PAID"));
		calls.put("search_products", Map.of("q", "tea"));
		calls.put("inventory_valuation", Map.of("auditMillis", 0));
		return calls;
	}

	private static JsonNode tree(Object value) {
		return JSON.valueToTree(value);
	}

	/** The first throwable of that type in the chain, or {@code null}. */
	private static <T extends Throwable> T cause(Throwable throwable, Class<T> type) {
		for (Throwable t = throwable; t != null; t = t.getCause()) {
			if (type.isInstance(t)) {
				return type.cast(t);
			}
		}
		return null;
	}

}
