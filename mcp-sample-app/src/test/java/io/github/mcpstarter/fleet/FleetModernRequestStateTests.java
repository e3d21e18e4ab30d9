package io.github.mcpstarter.fleet;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;

import io.github.mcpstarter.fleet.RoundRobinProxy.Routed;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The 2026-07-28 era's multi-round calls across instances: a {@code requestState} issued by one
 * instance is honoured by another (the key that seals it is the fleet's), and once used it is
 * spent on all of them (the spent states are in Redis), so a declined confirmation cannot be
 * replayed as an accept on a third instance. Raw HTTP, to replay the state.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class FleetModernRequestStateTests {

	/** The input request the starter names its confirmation of a destructive tool. */
	private static final String CONFIRMATION = "mcp_confirmation";

	private static Fleet fleet;

	private static String token;

	@BeforeAll
	static void startFleet() {
		fleet = Fleet.shared();
		token = fleet.token();
	}

	@Test
	void requestStateIssuedOnOneInstanceIsHonouredOnAnotherAndSpentOnAll() {
		McpWire wire = new McpWire(fleet.url(), token);
		int mark = fleet.proxy().mark();

		JsonNode asked = cancelOrder(wire, null, null);
		assertThat(asked.at("/result/resultType").asString()).as("%s", asked).isEqualTo("input_required");
		String state = asked.at("/result/requestState").asString();
		assertThat(state).isNotBlank();

		JsonNode declined = cancelOrder(wire, state, "decline");
		assertThat(declined.at("/error").isMissingNode()).as("decline on another instance: %s", declined).isTrue();
		assertThat(declined.at("/result/isError").asBoolean()).as("%s", declined).isTrue();
		assertThat(declined.at("/result/content/0/text").asString()).contains("declined");

		JsonNode replayed = cancelOrder(wire, state, "accept");
		assertThat(replayed.at("/result").isMissingNode()).as("replay on a third instance: %s", replayed).isTrue();
		assertThat(replayed.at("/error/code").asInt()).isEqualTo(-32602);
		assertThat(replayed.at("/error/message").asString()).startsWith("Invalid requestState");

		List<Routed> rounds = fleet.proxy()
			.routedSince(mark)
			.stream()
			.filter((routed) -> routed.method().equals("POST") && routed.path().equals("/mcp"))
			.toList();
		assertThat(FleetJavaSdkClientTests.backends(rounds)).as("instances of the three rounds: %s", rounds)
			.hasSize(Fleet.INSTANCES);
	}

	/** A modern {@code cancel_order} of order 1, a round with the state and answer when given. */
	private static JsonNode cancelOrder(McpWire wire, String requestState, String action) {
		ObjectNode body = McpWire.JSON.createObjectNode().put("jsonrpc", "2.0").put("id", 7).put("method", "tools/call");
		ObjectNode params = body.putObject("params").put("name", "cancel_order");
		params.putObject("arguments").put("id", 1);
		ObjectNode meta = params.putObject("_meta").put("io.modelcontextprotocol/protocolVersion", McpWire.MODERN);
		meta.putObject("io.modelcontextprotocol/clientCapabilities").putObject("elicitation");
		meta.putObject("io.modelcontextprotocol/clientInfo").put("name", "fleet-raw-client").put("version", "1");
		if (requestState != null) {
			params.put("requestState", requestState);
			params.putObject("inputResponses").putObject(CONFIRMATION).put("action", action).putObject("content");
		}
		HttpRequest.Builder request = wire.request("/mcp")
			.header("Content-Type", "application/json")
			.header("Accept", McpWire.ACCEPT_BOTH)
			.POST(HttpRequest.BodyPublishers.ofString(McpWire.JSON.writeValueAsString(body), StandardCharsets.UTF_8));
		McpWire.modernHeaders("tools/call", "cancel_order").forEach(request::header);
		HttpResponse<String> response = wire.send(request.build());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		List<JsonNode> messages = McpWire.messages(response);
		return messages.get(messages.size() - 1);
	}

}
