package io.github.mcpstarter.security;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

import io.github.mcpstarter.security.SecureMcpHttp.SseConnection;

import static io.github.mcpstarter.security.SecureMcpHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scope step-up: a call the token lacks a scope for is answered so that the client can ask the
 * authorization server for that scope and try again.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ScopeStepUpTests extends SecuredMcpTestSupport {

	private static final String THING = "{\"thing\":{\"id\":\"9\",\"name\":\"nine\"}}";

	@Test
	void callWithoutTheToolsDeclaredScopeGets403WithInsufficientScopeChallenge() throws Exception {
		String token = token("alice", "things.read");
		String session = this.http.openSession(token);
		HttpResponse<String> response = this.http.callTool(token, session, "write_thing", THING);
		assertInsufficientScope(response, "things.write");
	}

	@Test
	void callWithoutTheScopeOfThePreAuthorizeRuleGets403WithInsufficientScopeChallenge() throws Exception {
		String token = token("alice", "things.read", "things.write");
		String session = this.http.openSession(token);
		HttpResponse<String> response = this.http.callTool(token, session, "delete_thing", "{\"id\":\"9\"}");
		assertInsufficientScope(response, "things.admin");
	}

	@Test
	void callThatAsksForProgressOnAStreamStillGets403BeforeAnyStreamOpens() throws Exception {
		String token = token("alice", "things.read");
		String session = this.http.openSession(token);
		HttpResponse<String> response = this.http.request(token, session, 7, "tools/call",
				"{\"name\":\"write_thing\",\"arguments\":" + THING + ",\"_meta\":{\"progressToken\":\"p-1\"}}");
		assertInsufficientScope(response, "things.write");
	}

	@Test
	void callWithTheToolsDeclaredScopeSucceeds() throws Exception {
		String token = token("alice", "things.read", "things.write");
		String session = this.http.openSession(token);
		HttpResponse<String> response = this.http.callTool(token, session, "write_thing", THING);
		assertToolResult(response, "written nine");
	}

	@Test
	void callWithTheScopeOfThePreAuthorizeRuleSucceeds() throws Exception {
		String token = token("alice", "things.admin");
		String session = this.http.openSession(token);
		HttpResponse<String> response = this.http.callTool(token, session, "delete_thing", "{\"id\":\"9\"}");
		assertToolResult(response, "deleted 9");
	}

	@Test
	void clientThatStepsUpRetriesOnTheSameSessionWithItsNewToken() throws Exception {
		String session = this.http.openSession(token("alice", "things.read"));
		HttpResponse<String> refused = this.http.callTool(token("alice", "things.read"), session, "write_thing",
				THING);
		String scope = SecureMcpHttp.challengeParameters(SecureMcpHttp.challenge(refused)).get("scope");
		String steppedUp = token("alice", "things.read", scope);
		assertToolResult(this.http.callTool(steppedUp, session, "write_thing", THING), "written nine");
	}

	@Test
	void callOverSseWithoutTheScopeIsAcceptedThenAnsweredOnTheStreamWithTheChallengeInTheErrorData()
			throws Exception {
		String token = token("alice", "things.read");
		try (SseConnection sse = this.http.openSse(token)) {
			assertThat(sse.status()).isEqualTo(200);
			String endpoint = sse.next("endpoint").data();
			assertThat(postOverSse(endpoint, token, SecureMcpHttp.initializeRequest("2024-11-05")).statusCode())
				.isEqualTo(202);
			assertThat(sse.nextResponse(1).at("/result/protocolVersion").asString()).isEqualTo("2024-11-05");
			assertThat(postOverSse(endpoint, token, SecureMcpHttp.notification("notifications/initialized"))
				.statusCode()).isEqualTo(202);

			HttpResponse<String> accepted = postOverSse(endpoint, token,
					SecureMcpHttp.request(5, "tools/call", "{\"name\":\"write_thing\",\"arguments\":" + THING + "}"));
			assertThat(accepted.statusCode()).isEqualTo(202);
			JsonNode error = sse.nextResponse(5).get("error");
			assertThat(error).as("an error answers the call").isNotNull();
			assertThat(error.get("code").asInt()).isEqualTo(-32003);
			assertThat(error.at("/data/error").asString()).isEqualTo("insufficient_scope");
			assertThat(error.at("/data/scope").asString()).isEqualTo("things.write");
			assertThat(error.at("/data/resource_metadata").asString()).isEqualTo(metadataUrl("/sse"));

			postOverSse(endpoint, token, SecureMcpHttp.request(6, "tools/call", "{\"name\":\"delete_thing\","
					+ "\"arguments\":{\"id\":\"9\"}}"));
			JsonNode deleteError = sse.nextResponse(6).get("error");
			assertThat(deleteError.get("code").asInt()).isEqualTo(-32003);
			assertThat(deleteError.at("/data/scope").asString()).isEqualTo("things.admin");
		}
	}

	@Test
	void callOverSseWithTheScopeSucceeds() throws Exception {
		String token = token("alice", "things.read", "things.write");
		try (SseConnection sse = this.http.openSse(token)) {
			String endpoint = sse.next("endpoint").data();
			postOverSse(endpoint, token, SecureMcpHttp.initializeRequest("2024-11-05"));
			sse.nextResponse(1);
			postOverSse(endpoint, token,
					SecureMcpHttp.request(5, "tools/call", "{\"name\":\"write_thing\",\"arguments\":" + THING + "}"));
			JsonNode answer = sse.nextResponse(5);
			assertThat(answer.has("error")).as(answer.toString()).isFalse();
			assertThat(answer.at("/result/isError").asBoolean()).isFalse();
			assertThat(answer.at("/result/content/0/text").asString()).contains("written nine");
		}
	}

	private HttpResponse<String> postOverSse(String endpoint, String token, String body) throws Exception {
		return this.http.exchange("POST", endpoint, token, body, Map.of());
	}

	private void assertInsufficientScope(HttpResponse<String> response, String scope) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
		String challenge = SecureMcpHttp.challenge(response);
		assertThat(challenge).startsWith("Bearer error=\"insufficient_scope\"");
		assertThat(SecureMcpHttp.challengeParameters(challenge)).containsEntry("error", "insufficient_scope")
			.containsEntry("scope", scope)
			.containsEntry("resource_metadata", metadataUrl("/mcp"));
		JsonNode body = json(response);
		assertThat(body.get("id").asInt()).isEqualTo(7);
		assertThat(body.at("/error/code").asInt()).isEqualTo(-32003);
		assertThat(body.at("/error/data/scope").asString()).isEqualTo(scope);
		assertThat(body.at("/error/data/resource_metadata").asString()).isEqualTo(metadataUrl("/mcp"));
		assertThat(body.has("result")).isFalse();
	}

	static void assertToolResult(HttpResponse<String> response, String text) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		JsonNode body = json(response);
		assertThat(body.has("error")).as(response.body()).isFalse();
		assertThat(body.at("/result/isError").asBoolean()).as(response.body()).isFalse();
		assertThat(body.at("/result/content/0/text").asString()).contains(text);
	}

}
