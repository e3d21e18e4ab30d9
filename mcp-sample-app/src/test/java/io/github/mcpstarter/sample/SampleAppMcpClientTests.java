package io.github.mcpstarter.sample;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.mcpstarter.sample.orders.CreateOrderRequest;
import io.github.mcpstarter.sample.orders.OrderController;
import io.github.mcpstarter.sample.orders.UpdateStatusRequest;
import io.github.mcpstarter.sample.products.Category;
import io.github.mcpstarter.sample.products.Product;
import io.github.mcpstarter.sample.seed.SeedData;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.bean.override.convention.TestBean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * End-to-end tests of the sample application as an MCP server: the real application on a free
 * port, spoken to over Streamable HTTP by the official MCP Java SDK client, exactly as an agent's
 * host would, with a Bearer token of the demo client from the embedded authorization server.
 *
 * <p>Every test starts from the seed data ({@link SeedData#reset()}); the clock is pinned so that
 * new orders have a known creation time.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
class SampleAppMcpClientTests extends SampleAppTestSupport {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** A plain HTTP client for the REST API, next to the MCP client. */
	private static final HttpClient REST = HttpClient.newHttpClient();

	/** Time of every order created during a test. */
	private static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");

	/** The name of {@code createOrder}'s {@code @RequestBody} parameter: the tool argument holding the body. */
	private static final String CREATE_BODY = parameterName("createOrder", 0, CreateOrderRequest.class);

	/** The name of {@code updateOrderStatus}'s {@code @RequestBody} parameter. */
	private static final String STATUS_BODY = parameterName("updateOrderStatus", 1, long.class,
			UpdateStatusRequest.class);

	/** Numbers compare by value (12.5 equals 12.50); everything else by equality. */
	private static final Comparator<JsonNode> NUMBERS_BY_VALUE = (left, right) -> {
		if (left.isNumber() && right.isNumber()) {
			return left.decimalValue().compareTo(right.decimalValue());
		}
		return left.equals(right) ? 0 : 1;
	};

	@TestBean
	Clock clock;

	static Clock clock() {
		return Clock.fixed(NOW, ZoneOffset.UTC);
	}

	private final List<McpSyncClient> clients = new ArrayList<>();

	/**
	 * What the server asked the user of {@link #client}, which accepts every confirmation (the
	 * sample confirms its destructive tools, {@code cancel_order}) as a user clicking "Allow" would.
	 */
	private final List<McpSchema.ElicitFormRequest> asked = new CopyOnWriteArrayList<>();

	private McpSyncClient client;

	/** The demo client's access token, with all its scopes. */
	private String token;

	@BeforeEach
	void startFromSeedDataWithNewClient() {
		this.token = DemoAuthorizationServer.demoClientToken(this.port);
		this.client = newClient(false, true);
	}

	@AfterEach
	void closeClients() {
		this.clients.forEach(McpSyncClient::closeGracefully);
	}

	// ---------------------------------------------------------------------------------------
	// initialize
	// ---------------------------------------------------------------------------------------

	@Test
	void initializeNegotiatesLatestVersionAndReportsServerInfo() {
		McpSchema.InitializeResult result = this.client.initialize();

		assertThat(result.protocolVersion()).isEqualTo("2025-11-25");
		assertThat(result.serverInfo().name()).isEqualTo("mcp-sample-app");
		assertThat(result.capabilities().tools()).as("tools capability").isNotNull();
		assertThat(this.client.isInitialized()).isTrue();
	}

	// ---------------------------------------------------------------------------------------
	// tools/list
	// ---------------------------------------------------------------------------------------

	@Test
	void toolsListPublishesExactlyTheAnnotatedEndpointsSortedByName() {
		McpSchema.ListToolsResult result = this.client.listTools();

		List<String> names = result.tools().stream().map(McpSchema.Tool::name).toList();
		assertThat(names).containsExactlyElementsOf(PUBLISHED_TOOLS);
		// Excluded with @McpTool(exclude = true), and AdminController carries no @McpTool at all.
		assertThat(names).doesNotContain("restock_product", "stats");
		assertThat(result.nextCursor()).isNull();
		assertThat(result.tools()).allSatisfy((tool) -> {
			assertThat(tool.description()).as("description of %s", tool.name()).isNotBlank();
			assertThat(tool.inputSchema()).as("inputSchema of %s", tool.name()).containsEntry("type", "object");
		});
	}

	@Test
	void toolsListDescribesPathVariableAsRequiredInteger() {
		JsonNode input = inputSchema("get_order");

		assertThat(input.at("/properties/id/type").asString()).isEqualTo("integer");
		assertThat(strings(input.at("/required"))).containsExactly("id");
	}

	@Test
	void toolsListDescribesRequestBodyUnderItsParameterNameWithRequiredFields() {
		JsonNode input = inputSchema("create_order");

		assertThat(CREATE_BODY).isEqualTo("request");
		assertThat(strings(input.at("/required"))).containsExactly(CREATE_BODY);
		JsonNode body = resolve(input, input.at("/properties/" + CREATE_BODY));
		assertThat(body.at("/type").asString()).isEqualTo("object");
		assertThat(strings(body.at("/required"))).containsExactlyInAnyOrder("customerEmail", "lines",
				"shippingAddress");
		assertThat(body.at("/properties").propertyNames()).containsExactlyInAnyOrder("customerEmail", "lines",
				"shippingAddress", "note");
	}

	@Test
	void toolsListTurnsParameterConstraintsAndDefaultsIntoSchemaKeywords() {
		JsonNode size = inputSchema("list_products").at("/properties/size");

		assertThat(size.at("/type").asString()).isEqualTo("integer");
		assertThat(size.at("/minimum").asInt()).isEqualTo(1);
		assertThat(size.at("/maximum").asInt()).isEqualTo(100);
		assertThat(size.at("/default").isNumber()).as("default is a number, not a string").isTrue();
		assertThat(size.at("/default").asInt()).isEqualTo(20);
	}

	@Test
	void toolsListDescribesListOfEnumParameterAsArrayOfEnumStrings() {
		JsonNode input = inputSchema("search_products");
		JsonNode categories = resolve(input, input.at("/properties/categories"));

		assertThat(categories.at("/type").asString()).isEqualTo("array");
		JsonNode items = resolve(input, categories.at("/items"));
		assertThat(items.at("/type").asString()).isEqualTo("string");
		assertThat(strings(items.at("/enum"))).containsExactlyInAnyOrder(
				java.util.Arrays.stream(Category.values()).map(Enum::name).toArray(String[]::new));
		assertThat(strings(input.at("/required"))).containsExactly("q");
	}

	@Test
	void toolsListDerivesHintsFromHttpMethodUnlessAnnotationOverridesThem() {
		McpSchema.ToolAnnotations getOrder = tool("get_order").annotations();
		McpSchema.ToolAnnotations cancelOrder = tool("cancel_order").annotations();
		McpSchema.ToolAnnotations createOrder = tool("create_order").annotations();

		assertThat(getOrder.readOnlyHint()).isTrue();
		assertThat(cancelOrder.destructiveHint()).isTrue();
		assertThat(cancelOrder.idempotentHint()).isTrue();
		assertThat(createOrder.readOnlyHint()).isFalse();
		// Set explicitly with @McpTool(destructive = Hint.FALSE).
		assertThat(createOrder.destructiveHint()).isFalse();
	}

	@Test
	void toolsListDescribesObjectResultsDirectlyAndWrapsListResultsAsResult() {
		JsonNode getOrder = outputSchema("get_order");
		JsonNode searchProducts = outputSchema("search_products");

		assertThat(getOrder.at("/type").asString()).isEqualTo("object");
		assertThat(getOrder.at("/properties/id/type").asString()).isEqualTo("integer");
		assertThat(searchProducts.at("/type").asString()).isEqualTo("object");
		assertThat(resolve(searchProducts, searchProducts.at("/properties/result")).at("/type").asString())
			.isEqualTo("array");
		assertThat(tool("cancel_order").outputSchema()).as("204 without body: no output schema").isNull();
	}

	/**
	 * {@code createOrder} returns {@code ResponseEntity<Order>}: its structured content is the
	 * order itself, so its output schema must describe an order, as {@code get_order}'s does.
	 */
	@Test
	void createOrderOutputSchemaDescribesTheOrderInsideTheResponseEntity() {
		JsonNode createOrder = outputSchema("create_order");

		assertThat(createOrder.at("/properties/result").isMissingNode())
			.as("an Order is an object and must not be wrapped as {result}: %s", createOrder)
			.isTrue();
		assertThat(createOrder.at("/type").asString()).isEqualTo("object");
		assertThat(createOrder.at("/properties/id/type").asString()).isEqualTo("integer");
		assertThat(createOrder).isEqualTo(outputSchema("get_order"));
	}

	/**
	 * A client that validates {@code structuredContent} against the tool's output schema (the
	 * SDK's {@code enableCallToolSchemaCaching}) must accept every successful result, as MCP
	 * requires results to conform to the declared schema.
	 */
	@Test
	void schemaValidatingClientAcceptsEverySuccessfulToolResult() {
		McpSyncClient validating = newClient(true, true);
		validating.listTools();
		Map<String, Map<String, Object>> calls = new java.util.LinkedHashMap<>();
		calls.put("list_orders", Map.of());
		calls.put("get_order", Map.of("id", 2));
		calls.put("list_products", Map.of());
		calls.put("get_product", Map.of("sku", "SKU-1001"));
		calls.put("search_products", Map.of("q", "pan"));
		calls.put("create_order", Map.of(CREATE_BODY, validOrder("ada@example.com", "SKU-1003", 1, null)));
		calls.put("update_order_status", Map.of("id", 1, STATUS_BODY, Map.of("status", "PAID")));
		calls.put("ship_order", Map.of("id", 2));
		calls.put("set_order_note", Map.of("id", 1, "note", "Leave it with the neighbour."));
		calls.put("cancel_order", Map.of("id", 4));
		calls.put("inventory_valuation", Map.of("auditMillis", 0));
		assertThat(calls.keySet()).containsExactlyInAnyOrderElementsOf(PUBLISHED_TOOLS);

		SoftAssertions softly = new SoftAssertions();
		calls.forEach((tool, arguments) -> softly.assertThatCode(() -> {
			CallToolResult result = validating.callTool(request(tool, arguments));
			assertThat(result.isError()).as("isError: %s", result).isNotEqualTo(Boolean.TRUE);
		}).as("%s %s", tool, arguments).doesNotThrowAnyException());
		softly.assertAll();
	}

	// ---------------------------------------------------------------------------------------
	// tools/call: every published tool, successfully
	// ---------------------------------------------------------------------------------------

	@Test
	void listOrdersWithoutArgumentsReturnsSeedOrdersNewestFirstWithDefaultPaging() {
		JsonNode page = success(call("list_orders", Map.of()));

		assertThat(ids(page.at("/content"))).containsExactly(3L, 2L, 1L);
		assertThat(page.at("/page").asInt()).isZero();
		assertThat(page.at("/size").asInt()).isEqualTo(20);
		assertThat(page.at("/totalElements").asLong()).isEqualTo(3);
		assertThat(page.at("/totalPages").asInt()).isEqualTo(1);
		assertThat(page.at("/content/0/customerEmail").asString()).isEqualTo("jurgen@example.com");
		assertThat(page.at("/content/0/status").asString()).isEqualTo("SHIPPED");
		assertThat(page.at("/content/0/total").decimalValue()).isEqualByComparingTo("68.85");
	}

	@Test
	void listOrdersFiltersByStatusAndByCustomerEmailIgnoringCaseAndPages() {
		JsonNode byStatus = success(call("list_orders", Map.of("status", "NEW")));
		JsonNode byEmail = success(call("list_orders", Map.of("customerEmail", "GRACE@example.com")));
		JsonNode secondPage = success(call("list_orders", Map.of("page", 1, "size", 2)));

		assertThat(ids(byStatus.at("/content"))).containsExactly(1L);
		assertThat(ids(byEmail.at("/content"))).containsExactly(2L);
		assertThat(ids(secondPage.at("/content"))).containsExactly(1L);
		assertThat(secondPage.at("/page").asInt()).isEqualTo(1);
		assertThat(secondPage.at("/size").asInt()).isEqualTo(2);
		assertThat(secondPage.at("/totalPages").asInt()).isEqualTo(2);
	}

	@Test
	void getOrderReturnsSeedOrderWithLinesAddressTotalAndNote() {
		JsonNode order = success(call("get_order", Map.of("id", 1)));

		assertThat(order.at("/id").asLong()).isEqualTo(1);
		assertThat(order.at("/customerEmail").asString()).isEqualTo("ada@example.com");
		assertThat(order.at("/status").asString()).isEqualTo("NEW");
		assertThat(order.at("/total").decimalValue()).isEqualByComparingTo("33.90");
		assertThat(order.at("/createdAt").asString()).isEqualTo("2025-01-10T09:15:00Z");
		assertThat(order.at("/note").asString()).isEqualTo("Please gift-wrap the mug.");
		assertThat(order.at("/lines")).hasSize(2);
		assertThat(order.at("/lines/0/sku").asString()).isEqualTo("SKU-1001");
		assertThat(order.at("/lines/0/productName").asString()).isEqualTo("Café crème mug");
		assertThat(order.at("/lines/0/quantity").asInt()).isEqualTo(2);
		assertThat(order.at("/lines/0/unitPrice").decimalValue()).isEqualByComparingTo("12.50");
		assertThat(order.at("/lines/0/lineTotal").decimalValue()).isEqualByComparingTo("25.00");
		assertThat(order.at("/lines/1/sku").asString()).isEqualTo("SKU-1002");
		assertThat(order.at("/lines/1/lineTotal").decimalValue()).isEqualByComparingTo("8.90");
		assertThat(order.at("/shippingAddress/street").asString()).isEqualTo("12 Analytical Row");
		assertThat(order.at("/shippingAddress/city").asString()).isEqualTo("London");
		assertThat(order.at("/shippingAddress/postalCode").asString()).isEqualTo("NW1 6XE");
		assertThat(order.at("/shippingAddress/country").asString()).isEqualTo("GB");
	}

	@Test
	void createOrderReturnsOnlyTheNewOrderWhichGetOrderThenFindsAndReservesStock() {
		CallToolResult created = call("create_order", Map.of(CREATE_BODY, Map.of("customerEmail", "linus@example.com",
				"lines", List.of(Map.of("sku", "SKU-1003", "quantity", 2), Map.of("sku", "SKU-1007", "quantity", 1)),
				"shippingAddress", Map.of("street", "1 Kernel Road", "city", "Helsinki", "postalCode", "00100",
						"country", "FI"))));

		JsonNode order = success(created);
		assertThat(order.at("/id").asLong()).isEqualTo(4);
		assertThat(order.at("/status").asString()).isEqualTo("NEW");
		assertThat(order.at("/customerEmail").asString()).isEqualTo("linus@example.com");
		// 2 x 79.00 + 1 x 14.95, at catalog prices.
		assertThat(order.at("/total").decimalValue()).isEqualByComparingTo("172.95");
		assertThat(order.at("/lines/0/lineTotal").decimalValue()).isEqualByComparingTo("158.00");
		assertThat(order.at("/lines/0/productName").asString()).isEqualTo("Chef's knife, 20 cm");
		assertThat(order.at("/lines/1/unitPrice").decimalValue()).isEqualByComparingTo("14.95");
		assertThat(order.at("/createdAt").asString()).isEqualTo(NOW.toString());
		assertThat(order.at("/note").isNull()).isTrue();
		// The text is the order's JSON and nothing else: no status line, no Location.
		assertThat(text(created)).startsWith("{").endsWith("}").doesNotContain("HTTP 201", "Location");

		assertSameJson(success(call("get_order", Map.of("id", 4))), order);
		assertThat(success(call("get_product", Map.of("sku", "SKU-1003"))).at("/stock").asInt()).isEqualTo(13);
		assertThat(success(call("get_product", Map.of("sku", "SKU-1007"))).at("/stock").asInt()).isEqualTo(59);
	}

	@Test
	void updateOrderStatusMovesNewOrderToPaidAndGetOrderSeesIt() {
		JsonNode order = success(call("update_order_status", Map.of("id", 1, STATUS_BODY, Map.of("status", "PAID"))));

		assertThat(order.at("/id").asLong()).isEqualTo(1);
		assertThat(order.at("/status").asString()).isEqualTo("PAID");
		assertThat(order.at("/total").decimalValue()).isEqualByComparingTo("33.90");
		assertThat(success(call("get_order", Map.of("id", 1))).at("/status").asString()).isEqualTo("PAID");
	}

	@Test
	void cancelOrderAnswersNoContentAndReturnsTheReservedStock() {
		CallToolResult result = call("cancel_order", Map.of("id", 1));

		assertThat(result.isError()).isNotEqualTo(Boolean.TRUE);
		assertThat(result.structuredContent()).isNull();
		assertThat(text(result)).isEqualTo("HTTP 204 No Content");
		// It ran because the user confirmed it: one question, naming the tool.
		assertThat(this.asked).singleElement()
			.satisfies((request) -> assertThat(request.message()).contains("cancel_order"));
		assertThat(success(call("get_order", Map.of("id", 1))).at("/status").asString()).isEqualTo("CANCELLED");
		// Order 1 held 2 x SKU-1001 (40 left) and 1 x SKU-1002 (120 left).
		assertThat(success(call("get_product", Map.of("sku", "SKU-1001"))).at("/stock").asInt()).isEqualTo(42);
		assertThat(success(call("get_product", Map.of("sku", "SKU-1002"))).at("/stock").asInt()).isEqualTo(121);
	}

	@Test
	void cancelOrderFromAClientThatCannotAskItsUserDoesNothing() {
		McpSyncClient withoutElicitation = newClient(false, false);

		CallToolResult result = withoutElicitation.callTool(request("cancel_order", Map.of("id", 1)));

		assertThat(result.isError()).isTrue();
		assertThat(text(result)).startsWith("Not done: 'cancel_order' runs only once the user confirms it")
			.endsWith("Nothing was changed.");
		assertThat(success(call("get_order", Map.of("id", 1))).at("/status").asString()).isEqualTo("NEW");
		assertThat(success(call("get_product", Map.of("sku", "SKU-1001"))).at("/stock").asInt()).isEqualTo(40);
	}

	@Test
	void setOrderNoteWithANoteAsksNobody() {
		JsonNode order = success(call("set_order_note", Map.of("id", 2, "note", "Ring twice.")));

		assertThat(order.at("/note").asString()).isEqualTo("Ring twice.");
		assertThat(this.asked).isEmpty();
		assertThat(success(call("get_order", Map.of("id", 2))).at("/note").asString()).isEqualTo("Ring twice.");
	}

	@Test
	void shipOrderOfPaidOrderMovesItToShipped() {
		JsonNode order = success(call("ship_order", Map.of("id", 2)));

		assertThat(order.at("/id").asLong()).isEqualTo(2);
		assertThat(order.at("/status").asString()).isEqualTo("SHIPPED");
		assertThat(order.at("/customerEmail").asString()).isEqualTo("grace@example.com");
		assertThat(order.at("/total").decimalValue()).isEqualByComparingTo("199.00");
		assertThat(success(call("get_order", Map.of("id", 2))).at("/status").asString()).isEqualTo("SHIPPED");
	}

	@Test
	void listProductsWithoutArgumentsReturnsWholeCatalogSortedBySku() {
		JsonNode page = success(call("list_products", Map.of()));

		assertThat(skus(page.at("/content"))).containsExactlyElementsOf(
				SeedData.PRODUCTS.stream().map(Product::sku).toList());
		for (int i = 0; i < SeedData.PRODUCTS.size(); i++) {
			assertSeedProduct(page.at("/content/" + i));
		}
		assertThat(page.at("/page").asInt()).isZero();
		assertThat(page.at("/size").asInt()).isEqualTo(20);
		assertThat(page.at("/totalElements").asLong()).isEqualTo(8);
		assertThat(page.at("/totalPages").asInt()).isEqualTo(1);
	}

	@Test
	void listProductsFiltersByCategoryAndStock() {
		JsonNode kitchenInStock = success(call("list_products", Map.of("category", "KITCHEN", "inStock", true)));
		JsonNode soldOut = success(call("list_products", Map.of("inStock", false)));

		assertThat(skus(kitchenInStock.at("/content"))).containsExactly("SKU-1001", "SKU-1003", "SKU-1008");
		assertThat(skus(soldOut.at("/content"))).containsExactly("SKU-1005");
		assertThat(soldOut.at("/content/0/stock").asInt()).isZero();
	}

	@Test
	void getProductOfKnownSkuReturnsItsCatalogEntry() {
		JsonNode product = success(call("get_product", Map.of("sku", "SKU-1006")));

		assertThat(product.at("/sku").asString()).isEqualTo("SKU-1006");
		assertThat(product.at("/name").asString()).isEqualTo("Smørrebrød cookbook");
		assertThat(product.at("/category").asString()).isEqualTo("BOOKS");
		assertThat(product.at("/price").decimalValue()).isEqualByComparingTo("24.00");
		assertThat(product.at("/stock").asInt()).isEqualTo(25);
		assertSeedProduct(product);
	}

	@Test
	void searchProductsWrapsMatchesAsResultOnlyInSelectedCategoriesInRequestedOrder() {
		CallToolResult result = call("search_products",
				Map.of("q", "for", "categories", List.of("KITCHEN", "APPAREL"), "sort", "PRICE_ASC"));

		JsonNode structured = success(result);
		assertThat(structured.propertyNames()).containsExactly("result");
		assertThat(structured.at("/result").isArray()).isTrue();
		assertThat(skus(structured.at("/result"))).containsExactly("SKU-1001", "SKU-1007", "SKU-1008", "SKU-1003");
		structured.at("/result").forEach(this::assertSeedProduct);
		assertThat(text(result)).startsWith("{\"result\":[");
	}

	@Test
	void searchProductsMatchesOnlyWordsStartingWithTheQuery() {
		// "pan" starts "pan" and "pancakes" (SKU-1008) but not "Japan" (SKU-1002).
		JsonNode structured = success(call("search_products", Map.of("q", "pan")));

		assertThat(skus(structured.at("/result"))).containsExactly("SKU-1008");
	}

	// ---------------------------------------------------------------------------------------
	// tools/call: errors
	// ---------------------------------------------------------------------------------------

	@Test
	void getOrderOfUnknownIdIsToolErrorWithNotFoundStatusAndProblemDetail() {
		String text = error(call("get_order", Map.of("id", 999)));

		assertThat(text).startsWith("HTTP 404 Not Found").contains("No order has id 999.", "Order not found");
	}

	@Test
	void shipOrderOfNewOrderIsToolErrorWithConflictAndLeavesOrderUnchanged() {
		String text = error(call("ship_order", Map.of("id", 1)));

		assertThat(text).startsWith("HTTP 409 Conflict")
			.contains("Order cannot be shipped", "Order 1 is NEW; only PAID orders can be shipped.");
		assertThat(success(call("get_order", Map.of("id", 1))).at("/status").asString()).isEqualTo("NEW");
	}

	@Test
	void createOrderWithInvalidBodyIsToolErrorNamingEachInvalidFieldAndCreatesNothing() {
		String text = error(call("create_order", Map.of(CREATE_BODY, Map.of("customerEmail", "not-an-email",
				"lines", List.of(Map.of("sku", "SKU-1001", "quantity", 0)),
				"shippingAddress", Map.of("street", "1 Main St", "city", "Springfield", "postalCode", "12345",
						"country", "US")))));

		assertThat(text).startsWith("HTTP 400 Bad Request")
			.contains("Invalid arguments")
			.contains(CREATE_BODY + ".customerEmail")
			.contains(CREATE_BODY + ".lines[0].quantity");
		assertThat(success(call("list_orders", Map.of())).at("/totalElements").asLong()).isEqualTo(3);
		assertThat(success(call("get_product", Map.of("sku", "SKU-1001"))).at("/stock").asInt()).isEqualTo(40);
	}

	/** As REST answers only "Failed to read request", the tool names the argument and never a Java type. */
	@Test
	void createOrderWithABodyThatIsNoObjectIsToolErrorSayingSoWithoutJavaTypes() {
		String text = error(call("create_order", Map.of(CREATE_BODY, "notjson")));

		assertThat(text).startsWith("HTTP 400 Bad Request")
			.contains("Invalid arguments", CREATE_BODY + ": expected an object")
			.doesNotContain("Cannot construct", "io.github", "java.");
	}

	@Test
	void getOrderWithNonNumericIdIsToolErrorNamingTheArgument() {
		String text = error(call("get_order", Map.of("id", "abc")));

		assertThat(text).startsWith("HTTP 400 Bad Request").contains("Invalid arguments", "id: 'abc'");
	}

	@Test
	void callWithUnknownOrMissingArgumentIsToolErrorNamingItWithoutCallingTheEndpoint() {
		String unknown = error(call("get_order", Map.of("id", 1, "colour", "red")));
		String missing = error(call("get_order", Map.of()));

		assertThat(unknown).startsWith("Invalid arguments").contains("unknown argument 'colour'", "[id]");
		assertThat(missing).startsWith("Invalid arguments").contains("missing required argument 'id'");
	}

	/**
	 * For a single enum parameter the error lists the allowed values ("category: 'NOPE' is not a
	 * valid value; use one of [...]"), so the model can correct itself; a list of enums deserves
	 * the same.
	 */
	@Test
	void searchProductsWithUnknownCategoryIsToolErrorListingTheAllowedCategories() {
		String text = error(call("search_products", Map.of("q", "for", "categories", List.of("NOPE"))));

		assertThat(text).startsWith("HTTP 400 Bad Request")
			.contains("Invalid arguments", "categories", "'NOPE'")
			.contains("[ELECTRONICS, KITCHEN, GROCERY, BOOKS, APPAREL]");
	}

	@Test
	void callOfUnknownToolIsJsonRpcInvalidParamsErrorAndSessionStaysUsable() {
		assertThatExceptionOfType(McpError.class).isThrownBy(() -> call("restock_product", Map.of("sku", "SKU-1005")))
			.satisfies((error) -> {
				assertThat(error.getJsonRpcError().code()).isEqualTo(McpSchema.ErrorCodes.INVALID_PARAMS)
					.isEqualTo(-32602);
				assertThat(error.getJsonRpcError().message()).contains("restock_product");
			});

		assertThat(success(call("get_order", Map.of("id", 1))).at("/id").asLong()).isEqualTo(1);
	}

	// ---------------------------------------------------------------------------------------
	// Non-ASCII text
	// ---------------------------------------------------------------------------------------

	@Test
	void nonAsciiNoteRoundTripsUnchangedThroughToolCallsAndRestApi() throws Exception {
		String note = "Grüße aus Zürich — 東京 🚀";
		CallToolResult created = call("create_order",
				Map.of(CREATE_BODY, validOrder("jurgen@example.com", "SKU-1002", 1, note)));

		JsonNode order = success(created);
		assertThat(order.at("/note").asString()).isEqualTo(note);
		assertThat(order.at("/note").asString().getBytes(StandardCharsets.UTF_8))
			.isEqualTo(note.getBytes(StandardCharsets.UTF_8));
		assertThat(order.at("/shippingAddress/street").asString()).isEqualTo("Königstraße 1");
		assertThat(order.at("/shippingAddress/city").asString()).isEqualTo("München");
		// Written as the characters themselves: neither escaped nor mangled.
		assertThat(text(created)).contains("\"note\":\"" + note + "\"", "Königstraße 1", "München");

		long id = order.at("/id").asLong();
		assertThat(success(call("get_order", Map.of("id", id))).at("/note").asString()).isEqualTo(note);
		HttpResponse<String> rest = restGet("/api/orders/" + id);
		assertThat(JSON.readTree(rest.body()).at("/note").asString()).isEqualTo(note);
	}

	@Test
	void searchProductsWithAccentedQueryFindsCafeCremeMug() {
		CallToolResult result = call("search_products", Map.of("q", "café"));

		JsonNode structured = success(result);
		assertThat(skus(structured.at("/result"))).containsExactly("SKU-1001");
		assertThat(structured.at("/result/0/name").asString()).isEqualTo("Café crème mug");
		assertThat(text(result)).contains("\"name\":\"Café crème mug\"");
	}

	// ---------------------------------------------------------------------------------------
	// The same MVC stack
	// ---------------------------------------------------------------------------------------

	@Test
	void restGetOfOrderReturnsTheSameJsonAsTheGetOrderTool() throws Exception {
		CallToolResult result = call("get_order", Map.of("id", 2));
		HttpResponse<String> rest = restGet("/api/orders/2");

		assertThat(rest.statusCode()).isEqualTo(200);
		assertThat(rest.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("application/json"));
		assertSameJson(JSON.readTree(rest.body()), success(result));
		// The body is embedded as the endpoint wrote it, byte for byte.
		assertThat(text(result)).isEqualTo(rest.body());
	}

	// ---------------------------------------------------------------------------------------
	// Helpers
	// ---------------------------------------------------------------------------------------

	/**
	 * A client of the demo client's token.
	 * @param elicitation whether it can ask its user, who then accepts every request
	 */
	private McpSyncClient newClient(boolean validateOutputSchemas, boolean elicitation) {
		String token = this.token;
		HttpClientStreamableHttpTransport transport = streamableTransport(token);
		McpClient.SyncSpec spec = McpClient.sync(transport)
			.clientInfo(McpSchema.Implementation.builder("sample-app-tests", "1.0.0").build())
			.requestTimeout(Duration.ofSeconds(20))
			.enableCallToolSchemaCaching(validateOutputSchemas);
		if (elicitation) {
			spec.capabilities(McpSchema.ClientCapabilities.builder().elicitation().build()).elicitation((request) -> {
				this.asked.add(request);
				return new McpSchema.ElicitResult(McpSchema.ElicitResult.Action.ACCEPT, Map.of());
			});
		}
		McpSyncClient newClient = spec.build();
		this.clients.add(newClient);
		return newClient;
	}

	private CallToolResult call(String tool, Map<String, Object> arguments) {
		return this.client.callTool(request(tool, arguments));
	}

	private static McpSchema.CallToolRequest request(String tool, Map<String, Object> arguments) {
		return McpSchema.CallToolRequest.builder(tool).arguments(arguments).build();
	}

	/**
	 * Asserts a successful result with structured content (a JSON object) and one text block
	 * holding the same JSON, and returns the structured content as a tree.
	 */
	private static JsonNode success(CallToolResult result) {
		assertThat(result.isError()).as("isError of %s", result).isNotEqualTo(Boolean.TRUE);
		assertThat(result.structuredContent()).as("structuredContent of %s", result).isInstanceOf(Map.class);
		JsonNode structured = JSON.valueToTree(result.structuredContent());
		assertSameJson(JSON.readTree(text(result)), structured);
		return structured;
	}

	/** Asserts a tool error (a result, not a protocol error) and returns its text. */
	private static String error(CallToolResult result) {
		assertThat(result.isError()).as("isError of %s", result).isTrue();
		assertThat(result.structuredContent()).as("structuredContent of an error").isNull();
		return text(result);
	}

	/** The text of the result's one content block, which must be text. */
	private static String text(CallToolResult result) {
		assertThat(result.content()).as("content of %s", result).hasSize(1);
		assertThat(result.content().get(0)).isInstanceOf(TextContent.class);
		return ((TextContent) result.content().get(0)).text();
	}

	private static void assertSameJson(JsonNode actual, JsonNode expected) {
		if (!actual.equals(NUMBERS_BY_VALUE, expected)) {
			assertThat(actual).isEqualTo(expected);
		}
	}

	private void assertSeedProduct(JsonNode product) {
		Product seed = SeedData.PRODUCTS.stream()
			.filter((candidate) -> candidate.sku().equals(product.at("/sku").asString()))
			.findFirst()
			.orElseThrow(() -> new AssertionError("Not a seed product: " + product));
		assertThat(product.at("/name").asString()).isEqualTo(seed.name());
		assertThat(product.at("/description").asString()).isEqualTo(seed.description());
		assertThat(product.at("/category").asString()).isEqualTo(seed.category().name());
		assertThat(product.at("/price").decimalValue()).isEqualByComparingTo(seed.price());
		assertThat(product.at("/stock").asInt()).isEqualTo(seed.stock());
	}

	private McpSchema.Tool tool(String name) {
		return this.client.listTools()
			.tools()
			.stream()
			.filter((tool) -> tool.name().equals(name))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No tool named " + name));
	}

	private JsonNode inputSchema(String tool) {
		return JSON.valueToTree(tool(tool).inputSchema());
	}

	private JsonNode outputSchema(String tool) {
		Map<String, Object> schema = tool(tool).outputSchema();
		assertThat(schema).as("outputSchema of %s", tool).isNotNull();
		return JSON.valueToTree(schema);
	}

	/** The schema itself, or the target of its local {@code $ref}. */
	private static JsonNode resolve(JsonNode root, JsonNode schema) {
		JsonNode ref = schema.get("$ref");
		if (ref != null && ref.isString() && ref.asString().startsWith("#/")) {
			return root.at(ref.asString().substring(1));
		}
		return schema;
	}

	private static List<String> strings(JsonNode array) {
		return array.valueStream().map(JsonNode::asString).toList();
	}

	private static List<Long> ids(JsonNode orders) {
		return orders.valueStream().map((order) -> order.at("/id").asLong()).toList();
	}

	private static List<String> skus(JsonNode products) {
		return products.valueStream().map((product) -> product.at("/sku").asString()).toList();
	}

	private static Map<String, Object> validOrder(String email, String sku, int quantity, String note) {
		Map<String, Object> order = new java.util.LinkedHashMap<>();
		order.put("customerEmail", email);
		order.put("lines", List.of(Map.of("sku", sku, "quantity", quantity)));
		order.put("shippingAddress",
				Map.of("street", "Königstraße 1", "city", "München", "postalCode", "80331", "country", "DE"));
		if (note != null) {
			order.put("note", note);
		}
		return order;
	}

	private HttpResponse<String> restGet(String path) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create(DemoAuthorizationServer.baseUrl(this.port) + path))
			.header("Accept", "application/json")
			.header("Authorization", "Bearer " + this.token)
			.GET()
			.build();
		return REST.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
	}

	private static String parameterName(String method, int index, Class<?>... parameterTypes) {
		try {
			return OrderController.class.getMethod(method, parameterTypes).getParameters()[index].getName();
		}
		catch (NoSuchMethodException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
