package io.github.mcpstarter.security;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

import static io.github.mcpstarter.security.ScopeStepUpTests.assertToolResult;
import static io.github.mcpstarter.security.SecureMcpHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Parity with REST: a caller sees and calls exactly the tools whose endpoints it may call as
 * REST, whether a scope, a URL rule of the application or its method security decides; and a
 * tool it may not call is indistinguishable from one that does not exist.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ToolAuthorizationParityTests extends SecuredMcpTestSupport {

	@Test
	void readOnlyTokenListsOnlyTheToolWithoutRules() throws Exception {
		String token = token("alice", "things.read");
		String session = this.http.openSession(token);
		assertThat(this.http.toolNames(token, session)).containsExactlyInAnyOrder("list_things", "get_thing")
			.doesNotContain("write_thing", "delete_thing", "admin_report", "role_only");
	}

	@Test
	void tokenWithEveryScopeListsEveryToolButTheRoleOnlyOne() throws Exception {
		String token = token("alice", "things.read", "things.write", "things.admin", "admin");
		String session = this.http.openSession(token);
		assertThat(this.http.toolNames(token, session)).containsExactlyInAnyOrderElementsOf(
				SecuredFixtureApplication.ALL_TOOLS.stream().filter((tool) -> !tool.equals("role_only")).toList());
	}

	@Test
	void adminTokenListsAndCallsTheToolGuardedByTheUrlRule() throws Exception {
		String token = token("alice", "things.read", "admin");
		String session = this.http.openSession(token);
		assertThat(this.http.toolNames(token, session)).contains("admin_report");
		assertToolResult(this.http.callTool(token, session, "admin_report", null), "all systems nominal");
	}

	@Test
	void toolGuardedByTheUrlRuleIsUnknownToATokenWithoutTheScopeExactlyLikeANonexistentTool() throws Exception {
		String token = token("alice", "things.read");
		String session = this.http.openSession(token);
		assertSameAsUnknownTool(token, session, "admin_report");
	}

	@Test
	void roleOnlyToolIsNeverListedForScopeTokensAndCallingItIsLikeCallingANonexistentTool() throws Exception {
		for (List<String> scopes : List.of(List.of("things.read"),
				List.of("things.read", "things.write", "things.admin", "admin"), List.of("BOSS", "ROLE_BOSS"))) {
			String token = token("alice", scopes.toArray(String[]::new));
			String session = this.http.openSession(token);
			assertThat(this.http.toolNames(token, session)).as(scopes.toString()).doesNotContain("role_only");
			assertSameAsUnknownTool(token, session, "role_only");
		}
	}

	@Test
	void restEndpointBehindTheUrlRuleRefusesTheTokenThatCannotSeeTheTool() throws Exception {
		HttpResponse<String> response = this.http.send("GET", "/admin/report", token("alice", "things.read"),
				NO_HEADERS);
		assertThat(response.statusCode()).isEqualTo(403);
	}

	@Test
	void restEndpointBehindTheUrlRuleServesTheTokenThatSeesTheTool() throws Exception {
		HttpResponse<String> response = this.http.send("GET", "/admin/report", token("alice", "admin"), NO_HEADERS);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(json(response).get("message").asString()).contains("all systems nominal");
	}

	@Test
	void restEndpointBehindMethodSecurityRefusesTheTokenThatCannotSeeTheTool() throws Exception {
		assertThat(this.http.send("DELETE", "/things/9", token("alice", "things.read"), NO_HEADERS).statusCode())
			.isEqualTo(403);
		assertThat(this.http.send("DELETE", "/things/9", token("alice", "things.admin"), NO_HEADERS).statusCode())
			.isEqualTo(200);
		assertThat(this.http.send("GET", "/boss", token("alice", "things.read", "things.write", "things.admin",
				"admin"), NO_HEADERS).statusCode()).isEqualTo(403);
	}

	@Test
	void urlRuleOnOneConcretePathRefusesTheToolCallForThatPathLikeTheRestCall() throws Exception {
		String token = token("alice", "things.admin");
		String session = this.http.openSession(token);
		assertThat(this.http.toolNames(token, session)).contains("delete_thing");
		assertToolResult(this.http.callTool(token, session, "delete_thing", "{\"id\":\"9\"}"), "deleted 9");
		assertToolError(this.http.callTool(token, session, "delete_thing", "{\"id\":\"locked\"}"), "HTTP 403");
		assertThat(this.http.send("DELETE", "/things/locked", token, NO_HEADERS).statusCode()).isEqualTo(403);
	}

	@Test
	void methodSecurityOnArgumentsIsListedButRefusesTheToolCallLikeTheRestCall() throws Exception {
		String alice = token("alice", "things.read");
		String session = this.http.openSession(alice);
		assertThat(this.http.toolNames(alice, session)).contains("get_thing");
		assertToolResult(this.http.callTool(alice, session, "get_thing", "{\"id\":\"7\"}"), "thing 7");
		assertToolError(this.http.callTool(alice, session, "get_thing", "{\"id\":\"vault\"}"), "HTTP 403");
		assertThat(this.http.send("GET", "/things/vault", alice, NO_HEADERS).statusCode()).isEqualTo(403);

		String keeper = token("keeper", "things.read");
		String keepersSession = this.http.openSession(keeper);
		assertToolResult(this.http.callTool(keeper, keepersSession, "get_thing", "{\"id\":\"vault\"}"),
				"thing vault");
		assertThat(this.http.send("GET", "/things/vault", keeper, NO_HEADERS).statusCode()).isEqualTo(200);
	}

	@Test
	void urlRuleOnARequestHeaderHidesAndRefusesToolsLikeTheRestCall() throws Exception {
		String token = token("alice", "things.read");
		Map<String, String> suspended = Map.of(SecuredFixtureApplication.TENANT_STATUS_HEADER, "suspended");
		assertThat(this.http.send("GET", "/things", token, suspended).statusCode()).isEqualTo(403);
		assertThat(this.http.send("GET", "/things", token, NO_HEADERS).statusCode()).isEqualTo(200);

		String session = this.http.openSession(token);
		Map<String, String> suspendedSession = Map.of("Mcp-Session-Id", session,
				SecuredFixtureApplication.TENANT_STATUS_HEADER, "suspended");
		HttpResponse<String> listed = this.http.post("/mcp", SecureMcpHttp.request(3, "tools/list", "{}"), token,
				suspendedSession);
		assertThat(json(listed).at("/result/tools")).as(listed.body()).isEmpty();
		HttpResponse<String> called = this.http.post("/mcp",
				SecureMcpHttp.request(4, "tools/call", "{\"name\":\"list_things\",\"arguments\":{}}"), token,
				suspendedSession);
		assertThat(json(called).at("/error/message").asString()).as(called.body())
			.isEqualTo("Unknown tool: list_things");

		assertThat(this.http.toolNames(token, session)).contains("list_things");
		assertToolResult(this.http.callTool(token, session, "list_things", null), "first");
	}

	@Test
	void argumentThatPutsASlashOrDotSegmentIntoThePathIsRejectedLikeTheRestCall() throws Exception {
		String token = token("alice", "things.read");
		String session = this.http.openSession(token);
		// As REST, the server turns the encoded slash away before any controller runs.
		assertThat(this.http.send("GET", "/things/a%2Fb", token, NO_HEADERS).statusCode()).isEqualTo(400);
		// The tool call is refused before any request is made, naming the argument.
		assertToolError(this.http.callTool(token, session, "get_thing", "{\"id\":\"a/b\"}"),
				"id: 'a/b' is no single path segment");
		assertToolError(this.http.callTool(token, session, "get_thing", "{\"id\":\"..\"}"),
				"id: '..' is no single path segment");
		assertToolResult(this.http.callTool(token, session, "get_thing", "{\"id\":\"a b\"}"), "thing a b");
	}

	private static void assertToolError(HttpResponse<String> response, String text) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		JsonNode body = json(response);
		assertThat(body.has("error")).as(response.body()).isFalse();
		assertThat(body.at("/result/isError").asBoolean()).as(response.body()).isTrue();
		assertThat(body.at("/result/content/0/text").asString()).contains(text);
	}

	private void assertSameAsUnknownTool(String token, String session, String tool) throws Exception {
		HttpResponse<String> hidden = this.http.callTool(token, session, tool, null);
		HttpResponse<String> unknown = this.http.callTool(token, session, "no_such_tool", null);
		assertThat(hidden.statusCode()).isEqualTo(unknown.statusCode()).isEqualTo(200);
		assertThat(hidden.headers().firstValue("WWW-Authenticate")).isEmpty();
		JsonNode hiddenError = json(hidden).get("error");
		JsonNode unknownError = json(unknown).get("error");
		assertThat(hiddenError).as(hidden.body()).isNotNull();
		assertThat(unknownError).as(unknown.body()).isNotNull();
		assertThat(hiddenError.get("code").asInt()).isEqualTo(unknownError.get("code").asInt());
		assertThat(hiddenError.get("message").asString()).isEqualTo("Unknown tool: " + tool);
		assertThat(unknownError.get("message").asString()).isEqualTo("Unknown tool: no_such_tool");
		assertThat(hiddenError.has("data")).isEqualTo(unknownError.has("data"));
	}

}
