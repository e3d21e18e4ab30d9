package io.github.mcpstarter.schema;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.networknt.schema.Error;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.json.jackson3.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every tool of {@link SchemaFixtureApplication}, started on a random port with the application's
 * own Jackson settings (snake_case names, a mix-in, a custom serializer), listed and called over
 * Streamable HTTP as a model would: arguments built from the tool's {@code inputSchema} succeed,
 * and each {@code structuredContent} validates against its {@code outputSchema} with a real JSON
 * Schema 2020-12 validator.
 */
@SpringBootTest(classes = SchemaFixtureApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "spring.jackson.property-naming-strategy=SNAKE_CASE")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SchemaFidelityTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

	@LocalServerPort
	int port;

	private McpSyncClient client;

	private Map<String, McpSchema.Tool> tools;

	@BeforeAll
	void connect() {
		JacksonMcpJsonMapper json = new JacksonMcpJsonMapper(JsonMapper.builder().build());
		this.client = McpClient
			.sync(HttpClientStreamableHttpTransport.builder("http://localhost:" + this.port).jsonMapper(json).build())
			.requestTimeout(Duration.ofSeconds(20))
			.build();
		this.client.initialize();
		this.tools = this.client.listTools()
			.tools()
			.stream()
			.collect(Collectors.toMap(McpSchema.Tool::name, (tool) -> tool));
	}

	@AfterAll
	void close() {
		if (this.client != null) {
			this.client.closeGracefully();
		}
	}

	@Test
	void everyToolCalledWithArgumentsFromItsInputSchemaSucceedsAndItsResultValidatesAgainstItsOutputSchema() {
		assertThat(this.tools).hasSize(15);
		for (McpSchema.Tool tool : this.tools.values()) {
			JsonNode input = JSON.valueToTree(tool.inputSchema());
			JsonNode arguments = SchemaInstances.of(input);
			assertThat(errors(input, arguments)).as("arguments of %s against its own inputSchema", tool.name()).isEmpty();
			CallToolResult result = call(tool.name(), arguments);
			assertThat(result.isError()).as("%s called with %s: %s", tool.name(), arguments, result.content()).isFalse();
			if (tool.outputSchema() != null) {
				JsonNode output = JSON.valueToTree(tool.outputSchema());
				JsonNode structured = JSON.valueToTree(result.structuredContent());
				assertThat(errors(output, structured)).as("structuredContent of %s: %s against %s", tool.name(),
						structured, output)
					.isEmpty();
			}
		}
	}

	@Test
	void aValueTypeWithJsonValueAndADelegatingCreatorIsAStringOnBothSides() {
		String money = "{\"type\":\"string\",\"description\":\"An amount and its currency\",\"examples\":[\"12.50 EUR\"]}";
		assertThat(inputProperty("price", "money")).isEqualTo(JSON.readTree(money));
		assertThat(output("price")).isEqualTo(JSON.readTree(
				"{\"type\":\"object\",\"properties\":{\"result\":" + money + "},\"required\":[\"result\"]}"));
		CallToolResult result = call("price", JSON.readTree("{\"money\":\"12.50 EUR\"}"));
		assertThat(JSON.valueToTree(result.structuredContent()).toString()).isEqualTo("{\"result\":\"13.50 EUR\"}");
	}

	@Test
	void creatorParametersAreDescribedUnderTheirJsonNames() {
		assertThat(inputProperty("record", "reading").get("properties").propertyNames()).containsExactlyInAnyOrder(
				"sensor_id", "reading");
		CallToolResult result = call("record",
				JSON.readTree("{\"reading\":{\"sensor_id\":\"s-1\",\"reading\":2.5}}"));
		assertThat(JSON.valueToTree(result.structuredContent()).toString())
			.isEqualTo("{\"sensor_id\":\"s-1\",\"reading\":2.5}");
	}

	@Test
	void theApplicationsNamingStrategyAndMixInsRenameAndRemoveProperties() {
		assertThat(inputProperty("ship", "shipment").get("properties").propertyNames())
			.containsExactlyInAnyOrder("tracking_number", "shipped_at");
		assertThat(output("ship").get("properties").propertyNames()).containsExactlyInAnyOrder("tracking_number",
				"shipped_at");
		assertThat(inputProperty("legacy", "legacy").get("properties").propertyNames()).containsExactly("ref");
		assertThat(output("legacy").get("properties").propertyNames()).containsExactly("ref");
	}

	@Test
	void propertiesLeftOutWhenNullAreNeitherNullableNorRequired() {
		assertThat(output("profile")).isEqualTo(JSON.readTree("""
				{"type":"object","properties":{"bio":{"type":"string"},"nickname":{"type":"string"}}}
				"""));
	}

	@Test
	void aReturnedOptionalOfAPolymorphicTypeHasNoOutputSchemaSinceItsValueTravelsWithoutTypeId() {
		// The reason, seen on the wire: the same Circle carries its "kind" as a plain body, not in an Optional.
		assertThat(this.tools.get("last_shape").outputSchema()).isNull();
		assertThat(JSON.valueToTree(call("last_shape", JSON.createObjectNode()).structuredContent()).toString())
			.isEqualTo("{\"radius\":1.0}");
		assertThat(JSON.valueToTree(call("draw", JSON.readTree("{\"shape\":{\"kind\":\"circle\",\"radius\":1}}"))
			.structuredContent()).toString()).isEqualTo("{\"kind\":\"circle\",\"radius\":1.0}");
	}

	@Test
	void aTypeWrittenByACustomSerializerHasNoOutputSchema() {
		// The startup log line is asserted in ToolSchemaGeneratorTests, which can capture it.
		assertThat(this.tools.get("temperature").outputSchema()).isNull();
		assertThat(JSON.valueToTree(call("temperature", JSON.createObjectNode()).structuredContent()).toString())
			.isEqualTo("{\"result\":\"21.5°C\"}");
	}

	@Test
	void propertiesWhoseOwnSerializerOrFormatDecidesAreDescribedAsWrittenOrLeaveNoOutputSchema() {
		JsonNode booking = output("book").get("properties");
		assertThat(booking.get("id").toString()).isEqualTo("{\"type\":\"string\"}");
		assertThat(booking.get("day").toString())
			.isEqualTo("{\"anyOf\":[{\"type\":\"null\"},{\"type\":\"string\",\"examples\":[\"04.03.2026\"]}]}");
		assertThat(booking.get("count").toString())
			.isEqualTo("{\"anyOf\":[{\"type\":\"null\"},{\"type\":\"string\"}]}");
		assertThat(inputProperty("book", "booking").at("/properties/day").toString())
			.isEqualTo("{\"type\":\"string\",\"examples\":[\"04.03.2026\"]}");
		assertThat(inputProperty("book", "booking").at("/properties/count").toString()).isEqualTo("{\"type\":\"integer\"}");
		assertThat(this.tools.get("badge").outputSchema()).isNull();
	}

	@Test
	void validationGroupsOfTheHandlerDecideWhatIsRequired() {
		assertThat(inputProperty("create_account", "account").path("required").toString()).isEqualTo("[\"name\"]");
		assertThat(inputProperty("update_account", "account").path("required").toString())
			.isEqualTo("[\"id\",\"name\"]");
		assertThat(inputProperty("save_account", "account").has("required")).isFalse();
	}

	@Test
	void descriptionsExamplesAndAccessModesComeFromTheModel() {
		JsonNode product = inputProperty("create_product", "product");
		assertThat(product.get("description").asString()).isEqualTo("A product for sale");
		assertThat(product.at("/properties/sku/description").asString()).isEqualTo("Stock keeping unit");
		assertThat(product.at("/properties/sku/examples").toString()).isEqualTo("[\"AB-12\"]");
		assertThat(product.at("/properties/price_cents/description").asString()).isEqualTo("Price in cents");
		assertThat(product.at("/properties/price_cents/examples").toString()).isEqualTo("[1250]");
		assertThat(product.at("/properties/quantity/default").toString()).isEqualTo("3");
		assertThat(product.at("/properties/grade/enum").toString()).isEqualTo("[\"A\",\"B\"]");
		assertThat(product.get("properties").propertyNames()).doesNotContain("created_at", "version")
			.contains("secret", "password");
		assertThat(output("create_product").get("properties").propertyNames()).contains("created_at", "version")
			.doesNotContain("secret", "password");
	}

	@Test
	void noSchemaHasATypeArray() {
		for (McpSchema.Tool tool : this.tools.values()) {
			assertThat(JSON.valueToTree(tool.inputSchema()).toString()).as(tool.name()).doesNotContain("\"type\":[");
			if (tool.outputSchema() != null) {
				assertThat(JSON.valueToTree(tool.outputSchema()).toString()).as(tool.name())
					.doesNotContain("\"type\":[");
			}
		}
	}

	private JsonNode inputProperty(String tool, String property) {
		return JSON.valueToTree(this.tools.get(tool).inputSchema()).get("properties").get(property);
	}

	private JsonNode output(String tool) {
		assertThat(this.tools.get(tool).outputSchema()).as("outputSchema of " + tool).isNotNull();
		return JSON.valueToTree(this.tools.get(tool).outputSchema());
	}

	@SuppressWarnings("unchecked")
	private CallToolResult call(String tool, JsonNode arguments) {
		return this.client.callTool(
				McpSchema.CallToolRequest.builder(tool).arguments(JSON.convertValue(arguments, Map.class)).build());
	}

	private static List<String> errors(JsonNode schema, JsonNode instance) {
		return SCHEMAS.getSchema(schema).validate(instance).stream().map(Error::toString).toList();
	}

}
