package io.github.mcpstarter.observation;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.http.server.observation.ServerRequestObservationContext;

import io.github.mcpstarter.fixture.FixtureApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tool calls over HTTP in the fixture application with Actuator (Micrometer metrics and its
 * observation auto-configuration): each call is an observation and a timer, the REST endpoint's own
 * {@code http.server.requests} nests under it, and the transports have gauges.
 */
@SpringBootTest(classes = { FixtureApplication.class, ToolCallObservationTests.TestRegistry.class },
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ToolCallObservationTests {

	private static final HttpClient CLIENT = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@Autowired
	TestObservationRegistry observations;

	@Autowired
	MeterRegistry meters;

	@BeforeEach
	void clear() {
		this.observations.clear();
	}

	@Test
	void toolCallIsAnObservationAndATimerWithLowCardinalityTags() throws Exception {
		String session = initialize();
		callTool(session, "greet", "{\"name\":\"Ada\"}");
		TestObservationRegistryAssert.assertThat(this.observations)
			.hasObservationWithNameEqualTo("mcp.server.tool.calls")
			.that()
			.hasLowCardinalityKeyValue("mcp.tool.name", "greet")
			.hasLowCardinalityKeyValue("mcp.transport", "streamable-http")
			.hasLowCardinalityKeyValue("outcome", "success")
			.doesNotHaveHighCardinalityKeyValueWithKey("mcp.session.id");
		Timer timer = this.meters.find("mcp.server.tool.calls")
			.tags("mcp.tool.name", "greet", "mcp.transport", "streamable-http", "outcome", "success")
			.timer();
		assertThat(timer).isNotNull();
		assertThat(timer.count()).isGreaterThanOrEqualTo(1);
	}

	@Test
	void restEndpointObservationNestsUnderTheToolCallWhichNestsUnderTheMcpRequest() throws Exception {
		String session = initialize();
		callTool(session, "greet", "{\"name\":\"Ada\"}");
		TestObservationRegistryAssert.assertThat(this.observations)
			.hasAnObservation((observation) -> observation.hasNameEqualTo("http.server.requests")
				.hasLowCardinalityKeyValue("uri", "/greetings/{name}")
				.hasLowCardinalityKeyValue("method", "GET")
				.hasLowCardinalityKeyValue("status", "200")
				.hasParentObservationContextMatching(
						(parent) -> parent instanceof McpToolCallObservationContext tool
								&& "greet".equals(tool.getCall().toolName())));
		TestObservationRegistryAssert.assertThat(this.observations)
			.hasObservationWithNameEqualTo("mcp.server.tool.calls")
			.that()
			// The POST /mcp itself, which Boot's ServerHttpObservationFilter observes (its request is
			// recycled by now, so it is recognized by its type: the endpoint's is the tool call's child).
			.hasParentObservationContextMatching((parent) -> parent instanceof ServerRequestObservationContext);
	}

	@Test
	void failingEndpointIsAToolErrorAndUnknownToolAProtocolError() throws Exception {
		String session = initialize();
		callTool(session, "explode", "{}");
		callTool(session, "no_such_tool", "{}");
		assertThat(this.meters.find("mcp.server.tool.calls").tags("mcp.tool.name", "explode", "outcome", "tool_error")
			.timer()).isNotNull();
		assertThat(this.meters.find("mcp.server.tool.calls").tags("mcp.tool.name", "unknown", "outcome", "protocol_error")
			.timer()).isNotNull();
		assertThat(this.meters.find("mcp.server.tool.calls").tags("mcp.tool.name", "no_such_tool").timer()).isNull();
	}

	@Test
	void liveSessionsAndOpenStreamsAreGaugedPerTransport() throws Exception {
		initialize();
		assertThat(this.meters.get("mcp.server.sessions").tag("mcp.transport", "streamable-http").gauge().value())
			.isGreaterThanOrEqualTo(1);
		assertThat(this.meters.get("mcp.server.sessions").tag("mcp.transport", "sse").gauge()).isNotNull();
		assertThat(this.meters.get("mcp.server.streams").tag("mcp.transport", "streamable-http").gauge()).isNotNull();
		assertThat(this.meters.get("mcp.server.streams").tag("mcp.transport", "sse").gauge()).isNotNull();
	}

	@Test
	void actuatorEndpointIsNotExposedUnlessIncluded() throws Exception {
		HttpResponse<String> response = CLIENT.send(
				HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/actuator/mcp")).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(404);
	}

	private String initialize() throws Exception {
		HttpResponse<String> response = post(null, """
				{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25",\
				"capabilities":{},"clientInfo":{"name":"observation-test","version":"1.0"}}}""");
		assertThat(response.statusCode()).isEqualTo(200);
		return response.headers().firstValue("Mcp-Session-Id").orElseThrow();
	}

	private void callTool(String session, String tool, String arguments) throws Exception {
		HttpResponse<String> response = post(session, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\","
				+ "\"params\":{\"name\":\"" + tool + "\",\"arguments\":" + arguments + "}}");
		assertThat(response.statusCode()).isEqualTo(200);
	}

	private HttpResponse<String> post(String session, String body) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/mcp"))
			.header("Content-Type", "application/json")
			.header("Accept", "application/json, text/event-stream")
			.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
		if (session != null) {
			request.header("Mcp-Session-Id", session);
		}
		return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
	}

	/** Micrometer's test registry as the application's; Boot still applies its handlers (metrics) to it. */
	@TestConfiguration(proxyBeanMethods = false)
	static class TestRegistry {

		@Bean
		TestObservationRegistry observationRegistry() {
			return TestObservationRegistry.create();
		}

	}

}
