package io.github.mcpstarter.security;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

import io.github.mcpstarter.security.SecureMcpHttp.SseConnection;

import static io.github.mcpstarter.security.SecureMcpHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Resources over real HTTP with real tokens, guarded as tools are: what a caller may not read is
 * not listed, reading it is answered as reading a URI nothing publishes, and one that needs a scope
 * gets the step-up challenge; in both eras on {@code /mcp}, and once over the legacy SSE transport.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ResourceAuthorizationTests extends SecuredMcpTestSupport {

	private static final String META = "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
			+ "\"io.modelcontextprotocol/clientCapabilities\":{}}";

	@Test
	void legacyListShowsOnlyWhatTheTokenMayRead() throws Exception {
		String reader = token("alice", "things.read");
		String session = this.http.openSession(reader);
		assertThat(uris(this.http.request(reader, session, 2, "resources/list", "{}"), "resources", "uri")).isEmpty();
		assertThat(uris(this.http.request(reader, session, 3, "resources/templates/list", "{}"), "resourceTemplates",
				"uriTemplate"))
			.containsExactly("things://{id}");
		String admin = token("alice", "things.read", "things.admin", "admin");
		String adminSession = this.http.openSession(admin);
		assertThat(uris(this.http.request(admin, adminSession, 2, "resources/list", "{}"), "resources", "uri"))
			.containsExactlyInAnyOrder("things://audit", "things-admin://report");
	}

	@Test
	void legacyReadOfATemplateRunsTheEndpointAsTheCaller() throws Exception {
		String token = token("alice", "things.read");
		String session = this.http.openSession(token);
		JsonNode contents = json(read(token, session, "things://42")).at("/result/contents/0");
		assertThat(contents.get("uri").asString()).isEqualTo("things://42");
		assertThat(contents.get("mimeType").asString()).isEqualTo("application/json");
		assertThat(json(contents.get("text").asString()).get("name").asString()).isEqualTo("thing 42");
	}

	@Test
	void resourceBehindAUrlRuleIsReadLikeANonexistentOneWithoutTheScope() throws Exception {
		String token = token("alice", "things.read");
		String session = this.http.openSession(token);
		JsonNode hidden = json(read(token, session, "things-admin://report")).get("error");
		JsonNode unknown = json(read(token, session, "things://no/such")).get("error");
		assertThat(hidden.get("code").asInt()).isEqualTo(-32002).isEqualTo(unknown.get("code").asInt());
		assertThat(hidden.get("message").asString()).isEqualTo(unknown.get("message").asString());
		assertThat(hidden.at("/data/uri").asString()).isEqualTo("things-admin://report");
		String admin = token("alice", "admin");
		String adminSession = this.http.openSession(admin);
		assertThat(json(read(admin, adminSession, "things-admin://report")).at("/result/contents/0/text").asString())
			.contains("all systems nominal");
	}

	@Test
	void resourceThatNeedsAScopeGetsTheStepUpChallenge() throws Exception {
		String token = token("alice", "things.read");
		String session = this.http.openSession(token);
		HttpResponse<String> refused = read(token, session, "things://audit");
		assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
		assertThat(SecureMcpHttp.challengeParameters(SecureMcpHttp.challenge(refused)))
			.containsEntry("error", "insufficient_scope")
			.containsEntry("scope", "things.admin");
		String steppedUp = token("alice", "things.read", "things.admin");
		JsonNode contents = json(read(steppedUp, session, "things://audit")).at("/result/contents/0");
		assertThat(contents.get("mimeType").asString()).isEqualTo("text/plain");
		assertThat(contents.get("text").asString()).isEqualTo("audit: nothing happened");
	}

	@Test
	void modernEraFiltersAndRefusesAlike() throws Exception {
		String token = token("alice", "things.read");
		HttpResponse<String> list = modern(token, "resources/list", null, "{" + META + "}");
		assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
		assertThat(json(list).at("/result/resources").size()).isZero();
		assertThat(json(list).at("/result/cacheScope").asString()).isEqualTo("private");
		HttpResponse<String> hidden = modern(token, "resources/read", "things-admin://report",
				"{\"uri\":\"things-admin://report\"," + META + "}");
		assertThat(json(hidden).at("/error/code").asInt()).isEqualTo(-32602);
		assertThat(json(hidden).at("/error/data/uri").asString()).isEqualTo("things-admin://report");
		HttpResponse<String> stepUp = modern(token, "resources/read", "things://audit",
				"{\"uri\":\"things://audit\"," + META + "}");
		assertThat(stepUp.statusCode()).as(stepUp.body()).isEqualTo(403);
		HttpResponse<String> read = modern(token, "resources/read", "things://7", "{\"uri\":\"things://7\"," + META + "}");
		assertThat(json(read).at("/result/contents/0/uri").asString()).isEqualTo("things://7");
		assertThat(json(read).at("/result/ttlMs").asInt()).isZero();
		assertThat(json(read).at("/result/resultType").asString()).isEqualTo("complete");
		HttpResponse<String> subscribe = modern(token, "resources/subscribe", null,
				"{\"uri\":\"things://7\"," + META + "}");
		assertThat(subscribe.statusCode()).isEqualTo(404);
		assertThat(json(subscribe).at("/error/code").asInt()).isEqualTo(-32601);
	}

	@Test
	void legacySseTransportReadsAndRefusesAsStreamableHttpDoes() throws Exception {
		String token = token("alice", "things.read");
		try (SseConnection sse = this.http.openSse(token)) {
			String endpoint = sse.next("endpoint").data();
			this.http.exchange("POST", endpoint, token, SecureMcpHttp.initializeRequest("2024-11-05"), Map.of());
			sse.nextResponse(1);
			this.http.exchange("POST", endpoint, token, SecureMcpHttp.request(2, "resources/read",
					"{\"uri\":\"things://5\"}"), Map.of());
			assertThat(sse.nextResponse(2).at("/result/contents/0/uri").asString()).isEqualTo("things://5");
			this.http.exchange("POST", endpoint, token, SecureMcpHttp.request(3, "resources/read",
					"{\"uri\":\"things-admin://report\"}"), Map.of());
			assertThat(sse.nextResponse(3).at("/error/code").asInt()).isEqualTo(-32002);
			this.http.exchange("POST", endpoint, token, SecureMcpHttp.request(4, "resources/read",
					"{\"uri\":\"things://audit\"}"), Map.of());
			JsonNode error = sse.nextResponse(4).get("error");
			assertThat(error.get("code").asInt()).isEqualTo(-32003);
			assertThat(error.at("/data/scope").asString()).isEqualTo("things.admin");
		}
	}

	private HttpResponse<String> read(String token, String session, String uri) throws Exception {
		return this.http.request(token, session, 7, "resources/read", "{\"uri\":\"" + uri + "\"}");
	}

	private HttpResponse<String> modern(String token, String method, String name, String params) throws Exception {
		Map<String, String> headers = new java.util.HashMap<>();
		headers.put("MCP-Protocol-Version", "2026-07-28");
		headers.put("Mcp-Method", method);
		if (name != null) {
			headers.put("Mcp-Name", name);
		}
		return this.http.post("/mcp", SecureMcpHttp.request(9, method, params), token, headers);
	}

	private static List<String> uris(HttpResponse<String> response, String list, String field) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return json(response).at("/result/" + list).valueStream().map((item) -> item.get(field).asString()).toList();
	}

}
