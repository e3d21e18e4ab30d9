package io.github.mcpstarter.invocation;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.mock.web.MockHttpServletResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.github.mcpstarter.protocol.CallToolResult;
import io.github.mcpstarter.protocol.Content;
import io.github.mcpstarter.protocol.JsonRpcCodec;
import io.github.mcpstarter.protocol.JsonRpcMessage;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A JSON body becomes structured content only when it is one well-formed document, since it is
 * embedded in the JSON-RPC message as written.
 */
class ToolResultsTests {

	private final JsonMapper mapper = JsonMapper.builder().build();

	private final ToolResults results = new ToolResults(this.mapper);

	private final JsonRpcCodec codec = new JsonRpcCodec();

	@Test
	void jsonObjectIsStructuredContentAndText() {
		JsonNode result = written(response("application/json", "{\"a\":\"\u00e9\",\"b\":[1,2]}".getBytes(StandardCharsets.UTF_8)));

		assertThat(result.path("structuredContent").path("a").asString()).isEqualTo("\u00e9");
		assertThat(result.path("content").get(0).path("text").asString()).isEqualTo("{\"a\":\"\u00e9\",\"b\":[1,2]}");
	}

	@Test
	void jsonArrayIsWrappedAsResult() {
		JsonNode result = written(response("application/json", "[1,\"two\"]".getBytes(StandardCharsets.UTF_8)));

		assertThat(result.path("structuredContent").path("result").get(1).asString()).isEqualTo("two");
		assertThat(result.path("content").get(0).path("text").asString()).isEqualTo("{\"result\":[1,\"two\"]}");
	}

	@Test
	void jsonInAnotherCharsetIsDecodedWithIt() {
		JsonNode result = written(response("application/json;charset=ISO-8859-1",
				"{\"name\":\"Caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1)));

		assertThat(result.path("structuredContent").path("name").asString()).isEqualTo("Caf\u00e9");
		assertThat(result.path("content").get(0).path("text").asString()).isEqualTo("{\"name\":\"Caf\u00e9\"}");
	}

	@Test
	void bodyThatWouldEscapeItsPlaceIsNotEmbedded() {
		// Embedded raw, this would add fields to the result: it must stay text.
		String hostile = "{\"a\":1},\"isError\":true,\"x\":{\"b\":2}";
		JsonNode result = written(response("application/json", hostile.getBytes(StandardCharsets.UTF_8)));

		assertThat(result.has("structuredContent")).isFalse();
		assertThat(result.path("isError").asBoolean()).isFalse();
		assertThat(result.path("content").get(0).path("text").asString()).isEqualTo(hostile);
	}

	@Test
	void invalidUtf8IsNotEmbedded() {
		byte[] body = { '{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}' };
		CallToolResult result = this.results.from(response("application/json", body), null, "http://localhost/x");

		assertThat(result.structuredContent()).isNull();
		assertThat(result.content()).singleElement().isInstanceOf(Content.Text.class);
		// What is written is valid UTF-8 JSON all the same.
		assertThat(this.mapper.readTree(this.codec.toBytes(JsonRpcMessage.Response.result(1L, result)))).isNotNull();
	}

	@ParameterizedTest
	@ValueSource(strings = { "EDA080", "C0A2", "F4908080", "F5808080" })
	void utf8ThatASkippingParserLetsThroughIsWrittenAsValidUtf8(String badBytes) throws Exception {
		// A surrogate, an overlong quote, a code point past U+10FFFF, a lead byte that never occurs.
		byte[] bad = HexFormat.of().parseHex(badBytes);
		byte[] body = new byte[bad.length + 10];
		System.arraycopy("{\"a\":\"".getBytes(StandardCharsets.US_ASCII), 0, body, 0, 6);
		System.arraycopy(bad, 0, body, 6, bad.length);
		System.arraycopy("x\"}  ".getBytes(StandardCharsets.US_ASCII), 0, body, 6 + bad.length, 4);
		CallToolResult result = this.results.from(response("application/json", body), null, "http://localhost/x");
		byte[] message = this.codec.toBytes(JsonRpcMessage.Response.result(1L, result));

		StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(message));
		JsonNode written = this.mapper.readTree(message).path("result");
		if (written.has("structuredContent")) {
			assertThat(written.path("structuredContent").path("a").asString()).endsWith("x").doesNotContain("\"");
			assertThat(this.mapper.readTree(written.path("content").get(0).path("text").asString()))
				.isEqualTo(written.path("structuredContent"));
		}
	}

	@Test
	void byteOrderMarkIsNotEmbedded() {
		byte[] json = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
		byte[] body = new byte[json.length + 3];
		body[0] = (byte) 0xEF;
		body[1] = (byte) 0xBB;
		body[2] = (byte) 0xBF;
		System.arraycopy(json, 0, body, 3, json.length);

		JsonNode result = written(response("application/json", body));

		assertThat(result.path("structuredContent").path("a").asInt()).isEqualTo(1);
		assertThat(result.path("content").get(0).path("text").asString()).isEqualTo("{\"a\":1}");
	}

	@Test
	void utf16BodyDeclaredAsUtf8IsNotEmbedded() {
		JsonNode result = written(response("application/json", "{\"a\":1}".getBytes(StandardCharsets.UTF_16BE)));

		assertThat(result.has("structuredContent")).isFalse();
	}

	private JsonNode written(CapturedResponse response) {
		CallToolResult result = this.results.from(response, null, "http://localhost/x");
		return this.mapper.readTree(this.codec.toBytes(JsonRpcMessage.Response.result(1L, result))).path("result");
	}

	private static CapturedResponse response(String contentType, byte[] body) {
		CapturedResponse response = new CapturedResponse(new MockHttpServletResponse());
		response.setStatus(200);
		response.setContentType(contentType);
		try {
			response.getOutputStream().write(body);
		}
		catch (java.io.IOException ex) {
			throw new IllegalStateException(ex);
		}
		return response;
	}

}
