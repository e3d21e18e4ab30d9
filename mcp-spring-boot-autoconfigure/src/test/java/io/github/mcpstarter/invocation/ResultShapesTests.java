package io.github.mcpstarter.invocation;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.networknt.schema.Error;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.json.jackson3.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.github.mcpstarter.fixture.ResultShapesApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A tool that declares an output schema returns conforming structured content for every
 * successful call, whatever rewrites or leaves out its body: body advice, a {@code @JsonView}, a
 * 2xx without a body. And a body larger than a tool call may hold is a tool error, not a heap.
 */
@SpringBootTest(classes = ResultShapesApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "mcp.server.tools.max-response-size=64KB")
@ExtendWith(OutputCaptureExtension.class)
class ResultShapesTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

	@LocalServerPort
	int port;

	private McpSyncClient client;

	private Map<String, McpSchema.Tool> tools;

	@BeforeEach
	void connect() {
		JacksonMcpJsonMapper json = new JacksonMcpJsonMapper(JSON);
		this.client = McpClient
			.sync(HttpClientStreamableHttpTransport.builder("http://localhost:" + this.port).jsonMapper(json).build())
			.requestTimeout(Duration.ofSeconds(30))
			.build();
		this.client.initialize();
		this.tools = new java.util.HashMap<>();
		this.client.listTools().tools().forEach((tool) -> this.tools.put(tool.name(), tool));
	}

	@AfterEach
	void close() {
		this.client.closeGracefully();
	}

	@Test
	void adviceThatDeclaresItsEnvelopeGetsTheEnvelopeDescribedWithTheBodyInside() {
		JsonNode schema = outputSchema("enveloped_item");
		assertThat(schema.at("/properties/meta").isMissingNode()).as("schema %s", schema).isFalse();
		JsonNode data = resolve(schema, schema.at("/properties/data"));
		assertThat(data.at("/properties/id").isMissingNode()).as("data of %s", schema).isFalse();

		JsonNode result = callAndValidate("enveloped_item", Map.of("id", "a"));
		assertThat(result.at("/structuredContent/data/id").asString()).isEqualTo("a");
		assertThat(result.at("/structuredContent/meta/version").asString()).isEqualTo("1");
	}

	@Test
	void adviceWhoseResultCannotBeKnownLeavesTheToolWithoutOutputSchemaAndSaysWhy(CapturedOutput output) {
		assertThat(this.tools.get("opaque_item").outputSchema()).isNull();
		JsonNode result = callAndValidate("opaque_item", Map.of("id", "a"));
		assertThat(result.at("/structuredContent/payload/0/id").asString()).isEqualTo("a");
		// Logged at startup: in this test's output only when this class started the context.
		if (output.getAll().contains("Published ")) {
			assertThat(output.getAll()).containsOnlyOnce("Tool 'opaque_item'")
				.contains("publishes no outputSchema: ResponseBodyAdvice " + ResultShapesApplication.OpaqueAdvice.class.getName());
		}
	}

	@Test
	void adviceThatDoesNotSupportTheHandlerCostsNoSchema() {
		JsonNode schema = outputSchema("get_item");
		assertThat(schema.at("/properties/id").isMissingNode()).as("schema %s", schema).isFalse();
		callAndValidate("get_item", Map.of("id", "a"));
	}

	@Test
	void aJsonViewLeavesTheToolWithoutOutputSchema() {
		assertThat(this.tools.get("item_summary").outputSchema()).isNull();
		JsonNode result = callAndValidate("item_summary", Map.of("id", "a"));
		assertThat(result.at("/structuredContent/secret").isMissingNode()).isTrue();
	}

	@Test
	void aDeleteThatAnswers204ReturnsStructuredContentItsSchemaAdmits() {
		JsonNode result = callAndValidate("delete_item", Map.of("id", "a"));
		assertThat(result.at("/isError").asBoolean()).isFalse();
		assertThat(result.at("/structuredContent").isObject()).as("result %s", result).isTrue();
		assertThat(result.at("/content/0/text").asString()).isEqualTo("HTTP 204 No Content");
	}

	@Test
	void aResponseEntityToolValidatesWithAndWithoutABody() {
		assertThat(callAndValidate("find_item", Map.of("id", "a")).at("/structuredContent/id").asString())
			.isEqualTo("a");
		assertThat(callAndValidate("find_item", Map.of("id", "none")).at("/structuredContent").isObject()).isTrue();
		assertThat(callAndValidate("list_items", Map.of("id", "a")).at("/structuredContent/result/0/id").asString())
			.isEqualTo("a");
		assertThat(callAndValidate("list_items", Map.of("id", "none")).at("/structuredContent").isObject()).isTrue();
	}

	@Test
	void aHandlerThatSaysItMayReturnNullHasASchemaAdmittingTheBodilessAnswer() {
		assertThat(callAndValidate("maybe_item", Map.of("id", "a")).at("/structuredContent/id").asString()).isEqualTo("a");
		assertThat(callAndValidate("maybe_item", Map.of("id", "none")).at("/structuredContent").isObject()).isTrue();
	}

	@Test
	void aNullFromAHandlerWhoseTypePromisedABodyIsAnErrorResultNeverNonConformingContent() {
		assertThat(callAndValidate("plain_list_items", Map.of("id", "a")).at("/structuredContent/result/0/id")
			.asString()).isEqualTo("a");
		CallToolResult result = this.client
			.callTool(McpSchema.CallToolRequest.builder("plain_list_items").arguments(Map.of("id", "none")).build());
		assertThat(result.isError()).isTrue();
		assertThat(JSON.valueToTree(result.content()).toString()).contains("without the result its output schema promises");
	}

	@Test
	void aBodyLargerThanTheLimitIsAToolErrorNamingItAndTheEndpointIsStopped() {
		CallToolResult result = this.client.callTool(McpSchema.CallToolRequest.builder("huge").arguments(Map.of()).build());

		assertThat(result.isError()).isTrue();
		assertThat(((TextContent) result.content().get(0)).text()).contains("mcp.server.tools.max-response-size")
			.contains("64KB");
		// Stopped at the limit's first write past it, not after 800 MB.
		assertThat(ResultShapesApplication.HUGE_BYTES_WRITTEN.get()).isLessThan(128 * 1024);
	}

	@Test
	void aWriterPastTheLimitIsAToolErrorToo() {
		CallToolResult result = this.client.callTool(McpSchema.CallToolRequest.builder("long_text").arguments(Map.of()).build());

		assertThat(result.isError()).isTrue();
		assertThat(((TextContent) result.content().get(0)).text()).contains("mcp.server.tools.max-response-size");
	}

	private JsonNode outputSchema(String tool) {
		Map<String, Object> schema = this.tools.get(tool).outputSchema();
		assertThat(schema).as("outputSchema of %s", tool).isNotNull();
		return JSON.valueToTree(schema);
	}

	/** Calls the tool and checks its structured content against its output schema, when it has one. */
	private JsonNode callAndValidate(String tool, Map<String, Object> arguments) {
		CallToolResult result = this.client.callTool(McpSchema.CallToolRequest.builder(tool).arguments(arguments).build());
		JsonNode json = JSON.valueToTree(result);
		assertThat(result.isError()).as("%s: %s", tool, json).isNotEqualTo(Boolean.TRUE);
		Map<String, Object> schema = this.tools.get(tool).outputSchema();
		if (schema != null) {
			assertThat(result.structuredContent()).as("%s declares an output schema; result %s", tool, json).isNotNull();
			List<Error> errors = SCHEMAS.getSchema(JSON.valueToTree(schema)).validate(JSON.valueToTree(result.structuredContent()));
			assertThat(errors).as("%s: %s against %s", tool, json, schema).isEmpty();
		}
		return json;
	}

	/** The object schema itself: a {@code $ref} followed, a nullable {@code anyOf} unwrapped. */
	private static JsonNode resolve(JsonNode root, JsonNode schema) {
		String ref = schema.path("$ref").asString("");
		if (ref.startsWith("#/")) {
			return resolve(root, root.at(ref.substring(1)));
		}
		for (JsonNode branch : schema.path("anyOf")) {
			if (!"null".equals(branch.path("type").asString(""))) {
				return resolve(root, branch);
			}
		}
		return schema;
	}

}
