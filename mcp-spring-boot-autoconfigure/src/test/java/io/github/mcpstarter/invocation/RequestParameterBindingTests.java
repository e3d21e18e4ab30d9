package io.github.mcpstarter.invocation;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.github.mcpstarter.fixture.MvcArgumentsApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Non-body arguments are published and sent as Spring MVC binds them, not as Jackson would:
 * enums by constant name (or without a list when the application converts them itself), lists
 * element by element, path variables with their regex. Calls go over MCP to the started fixture.
 */
@SpringBootTest(classes = MvcArgumentsApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RequestParameterBindingTests {

	@LocalServerPort
	int port;

	private ToolCalls tools;

	@BeforeEach
	void connect() {
		this.tools = new ToolCalls(this.port);
	}

	@AfterEach
	void close() {
		this.tools.close();
	}

	@Test
	void anEnumParameterIsPublishedWithTheConstantNamesMvcConvertsNotItsJsonValues() {
		JsonNode status = this.tools.inputSchema("stock").at("/properties/status");

		assertThat(status.path("enum").valueStream().map(JsonNode::asString)).containsExactly("IN_STOCK", "SOLD_OUT");
		assertThat(this.tools.success("stock", Map.of("status", "SOLD_OUT")).path("status").asString())
			.isEqualTo("SOLD_OUT");
	}

	@Test
	void everyValueOfAnEnumListSchemaIsAcceptedByMvc() {
		JsonNode statuses = this.tools.inputSchema("stock_several").at("/properties/statuses");

		List<String> values = statuses.at("/items/enum").valueStream().map(JsonNode::asString).toList();
		assertThat(values).containsExactly("IN_STOCK", "SOLD_OUT");
		assertThat(this.tools.success("stock_several", Map.of("statuses", values)).path("statuses").toString())
			.isEqualTo("[\"IN_STOCK\",\"SOLD_OUT\"]");
	}

	@Test
	void anEnumTheApplicationConvertsItselfIsAStringWithoutAListAndSaysSo() {
		JsonNode priority = this.tools.inputSchema("priority").at("/properties/priority");

		assertThat(priority.has("enum")).isFalse();
		assertThat(priority.path("type").asString()).isEqualTo("string");
		assertThat(priority.path("description").asString()).contains("application's own converter");
		assertThat(this.tools.success("priority", Map.of("priority", "urgent")).path("priority").asString())
			.isEqualTo("HIGH");
	}

	@Test
	void listElementsArriveExactlyAsSentWhenThereAreSeveral() {
		JsonNode result = this.tools.success("tags", Map.of("tags", List.of("a,b", "c")));

		assertThat(result.path("tags").toString()).isEqualTo("[\"a,b\",\"c\"]");
	}

	@Test
	void aLoneListValueWithACommaIsRefusedNamingTheArgumentNeverSplit() {
		String text = this.tools.error("tags", Map.of("tags", List.of("a,b")));

		assertThat(text).startsWith("Invalid arguments").contains("tags", "'a,b'", "comma");
		assertThat(this.tools.inputSchema("tags").at("/properties/tags/description").asString())
			.contains("must not contain a comma");
		assertThat(this.tools.success("tags", Map.of("tags", List.of("a"))).path("tags").toString())
			.isEqualTo("[\"a\"]");
	}

	@Test
	void pathVariableRegexesArePublishedAsAnchoredPatterns() {
		assertThat(this.tools.inputSchema("item").at("/properties/id/pattern").asString()).isEqualTo("^(?:\\d+)$");
		assertThat(this.tools.inputSchema("country").at("/properties/code/pattern").asString())
			.isEqualTo("^(?:[A-Z]{3})$");
		assertThat(this.tools.success("country", Map.of("code", "FRA")).path("code").asString()).isEqualTo("FRA");
	}

	@Test
	void aValueThatDoesNotMatchThePathRegexIsAnInvalidArgumentNotANotFound() {
		String text = this.tools.error("country", Map.of("code", "fr"));

		assertThat(text).startsWith("Invalid arguments").contains("code: 'fr' does not match").doesNotContain("404");
	}

	@Test
	void aPathVariableGetsOneSegmentAsRestDeliversItNeverSlashesOrDotSegments() throws Exception {
		// The container refuses an encoded slash and resolves dot segments: REST never hands the
		// endpoint such a value, so a tool call (whose arguments a model writes) must not either.
		assertThat(get("/files/..%2Fsecret").statusCode()).isEqualTo(400);
		for (String name : List.of("../secret", "a/b", "..", ".", "..\\secret")) {
			assertThat(this.tools.error("file", Map.of("name", name))).as(name)
				.startsWith("Invalid arguments")
				.contains("name: ");
		}
		assertThat(this.tools.success("file", Map.of("name", "report..v2.pdf")).path("name").asString())
			.isEqualTo("report..v2.pdf");
	}

	@Test
	void theEndpointsStayOrdinaryRestEndpoints() throws Exception {
		HttpResponse<String> stock = get("/stock?status=IN_STOCK");
		HttpResponse<String> tags = get("/tags?tags=a,b");

		assertThat(stock.statusCode()).isEqualTo(200);
		// What a REST client gets for a lone value with a comma, which a tool call therefore refuses.
		assertThat(tags.body()).contains("[\"a\",\"b\"]");
	}

	private HttpResponse<String> get(String path) throws Exception {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path)).build(),
					HttpResponse.BodyHandlers.ofString());
	}

}
