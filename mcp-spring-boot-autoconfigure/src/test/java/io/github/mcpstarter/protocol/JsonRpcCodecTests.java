package io.github.mcpstarter.protocol;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.util.RawValue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The codec writes a tool result whose JSON came from an endpoint from that JSON's bytes; what a
 * client reads must be exactly what the general path writes.
 */
class JsonRpcCodecTests {

	private final JsonRpcCodec codec = new JsonRpcCodec();

	private final JsonMapper mapper = JsonMapper.builder().build();

	/** Quotes, backslashes, escapes, non-ASCII (two-, three- and four-byte), and whitespace between tokens. */
	private static final String DOCUMENT = "{\n\t\"name\": \"Caf\u00e9 \\\"cr\u00e8me\\\" \\\\ mug\",\r\n"
			+ "  \"note\": \"line\\nbreak \\u0001 \u20ac \ud83d\ude00 \u2028\",\n  \"lines\": [1, 2.50, {\"sku\": \"A/B\"}],\n"
			+ "  \"empty\": {}\n}";

	@Test
	void toolResultFromRawJsonIsWrittenAsTheGeneralPathWritesIt() {
		RawJson json = RawJson.ofWellFormed(DOCUMENT.getBytes(StandardCharsets.UTF_8));
		CallToolResult fast = new CallToolResult(List.of(new Content.Text(json.text())), json.toNode(), false);
		CallToolResult general = new CallToolResult(List.of(new Content.Text(new String(DOCUMENT))),
				JsonNodeFactory.instance.rawValueNode(new RawValue(new String(DOCUMENT))), false);

		byte[] written = this.codec.toBytes(JsonRpcMessage.Response.result(7L, fast));

		assertThat(new String(written, StandardCharsets.UTF_8))
			.isEqualTo(new String(this.codec.toBytes(JsonRpcMessage.Response.result(7L, general)), StandardCharsets.UTF_8));
		JsonNode read = this.mapper.readTree(written);
		assertThat(read.path("result").path("content").get(0).path("text").asString()).isEqualTo(DOCUMENT);
		assertThat(read.path("result").path("structuredContent")).isEqualTo(this.mapper.readTree(DOCUMENT));
		assertThat(read.path("result").path("isError").asBoolean(true)).isFalse();
	}

	@Test
	void textEqualToTheDocumentButNotTheSameStringIsWrittenAsText() {
		RawJson json = RawJson.ofWellFormed(DOCUMENT.getBytes(StandardCharsets.UTF_8));
		CallToolResult result = new CallToolResult(
				List.of(new Content.Text(new String(json.text())), new Content.Text("and \"more\"")), json.toNode(), true);

		JsonNode read = this.mapper.readTree(this.codec.toBytes(JsonRpcMessage.Response.result("a", result)));

		assertThat(read.path("id").asString()).isEqualTo("a");
		assertThat(read.path("result").path("content").get(0).path("text").asString()).isEqualTo(DOCUMENT);
		assertThat(read.path("result").path("content").get(1).path("text").asString()).isEqualTo("and \"more\"");
		assertThat(read.path("result").path("isError").asBoolean()).isTrue();
	}

	@Test
	void modernToolResultIsTheLegacyOneWithResultTypeAndServerInfo() {
		RawJson json = RawJson.ofWellFormed(DOCUMENT.getBytes(StandardCharsets.UTF_8));
		CallToolResult result = new CallToolResult(List.of(new Content.Text(json.text())), json.toNode(), false);
		Implementation server = new Implementation("orders", null, "2.1");

		JsonNode modern = this.mapper.readTree(this.codec
			.toBytes(JsonRpcMessage.Response.result(3L, new ModernResult(result, null, null, server))));
		JsonNode legacy = this.mapper.readTree(this.codec.toBytes(JsonRpcMessage.Response.result(3L, result)));

		assertThat(modern.path("result").properties().iterator().next().getKey()).isEqualTo("resultType");
		assertThat(modern.path("result").path("resultType").asString()).isEqualTo("complete");
		assertThat(modern.at("/result/_meta/io.modelcontextprotocol~1serverInfo/name").asString()).isEqualTo("orders");
		assertThat(modern.path("result").has("ttlMs")).as("a tool result is not cacheable").isFalse();
		((tools.jackson.databind.node.ObjectNode) modern.path("result")).remove(List.of("resultType", "_meta"));
		assertThat(modern).isEqualTo(legacy);
	}

	@Test
	void modernListResultCarriesItsCacheHints() {
		Tool tool = new Tool("get_order", null, "Gets an order", JsonNodeFactory.instance.objectNode().put("type", "object"),
				null, null);
		JsonNode read = this.mapper.readTree(this.codec.toBytes(JsonRpcMessage.Response.result(4L,
				new ModernResult(new ListToolsResult(List.of(tool), "next"), 60_000L, ModernResult.PRIVATE,
						new Implementation("orders", null, "2.1")))));

		assertThat(read.at("/result/resultType").asString()).isEqualTo("complete");
		assertThat(read.at("/result/tools/0/name").asString()).isEqualTo("get_order");
		assertThat(read.at("/result/nextCursor").asString()).isEqualTo("next");
		assertThat(read.at("/result/ttlMs").asLong()).isEqualTo(60_000L);
		assertThat(read.at("/result/cacheScope").asString()).isEqualTo("private");
		assertThat(read.at("/result/_meta/io.modelcontextprotocol~1serverInfo/version").asString()).isEqualTo("2.1");
	}

	@Test
	void resultWithoutStructuredContentLeavesItOut() {
		JsonNode read = this.mapper.readTree(this.codec.toBytes(JsonRpcMessage.Response.result(1L,
				new CallToolResult(List.of(new Content.Image("AAAA", "image/png")), null, false))));

		assertThat(read.path("result").has("structuredContent")).isFalse();
		assertThat(read.path("result").path("content").get(0).path("type").asString()).isEqualTo("image");
		assertThat(read.path("result").path("content").get(0).path("mimeType").asString()).isEqualTo("image/png");
	}

	@Test
	void rawJsonNodeIsWrittenAsTheDocumentByAnyMapper() {
		RawJson json = RawJson.ofWellFormed(DOCUMENT.getBytes(StandardCharsets.UTF_8));

		assertThat(this.mapper.readTree(this.mapper.writeValueAsString(json.toNode())))
			.isEqualTo(this.mapper.readTree(DOCUMENT));
		assertThat(this.mapper.readTree(this.mapper.writeValueAsBytes(json.toNode())))
			.isEqualTo(this.mapper.readTree(DOCUMENT));
	}


	@Test
	void duplicateKeysAreRefused() {
		assertThatExceptionOfType(JsonRpcCodec.InvalidMessageException.class)
			.isThrownBy(() -> this.codec.read("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"method\":\"tools/list\"}"
				.getBytes(StandardCharsets.UTF_8)))
			.satisfies((ex) -> assertThat(ex.getError().code()).isEqualTo(-32700));
	}

	@Test
	void bodiesThatAreNotUtf8AreRefused() {
		String ping = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}";
		for (byte[] body : List.of(ping.getBytes(StandardCharsets.UTF_16), ping.getBytes(StandardCharsets.UTF_16LE),
				"{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"p\u00e9ng\"}".getBytes(StandardCharsets.ISO_8859_1))) {
			assertThatExceptionOfType(JsonRpcCodec.InvalidMessageException.class).isThrownBy(() -> this.codec.read(body))
				.satisfies((ex) -> assertThat(ex.getError().code()).isEqualTo(-32700))
				.satisfies((ex) -> assertThat(ex.getMessage()).contains("UTF-8"));
		}
	}

	@Test
	void clientErrorResponsesAreReadWithTheirError() {
		JsonRpcMessage message = this.codec.read("{\"jsonrpc\":\"2.0\",\"id\":\"s-1\",\"error\":{\"code\":-32601,\"message\":\"nope\"}}"
			.getBytes(StandardCharsets.UTF_8));
		assertThat(message).isInstanceOfSatisfying(JsonRpcMessage.Response.class, (response) -> {
			assertThat(response.id()).isEqualTo("s-1");
			assertThat(response.error()).isEqualTo(new JsonRpcError(-32601, "nope"));
		});
		JsonRpcMessage noId = this.codec.read("{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32700,\"message\":\"Parse error\"}}"
			.getBytes(StandardCharsets.UTF_8));
		assertThat(noId).isInstanceOfSatisfying(JsonRpcMessage.Response.class,
				(response) -> assertThat(response.error().code()).isEqualTo(-32700));
	}

}
