package io.github.mcpstarter.security;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import io.github.mcpstarter.observation.McpAuditLog;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The audit log of real tool calls with real tokens ({@link McpAuditLog}, on the logger
 * {@code io.github.mcpstarter.audit}): who called what, through which client, and how it ended;
 * never the token, the session id or an argument value, anywhere in the output.
 */
@ExtendWith(OutputCaptureExtension.class)
class AuditLogTests extends SecuredMcpTestSupport {

	static final String SECRET_NAME = "Confidential Widget Name";

	static final String SECRET_ID = "w-4242-secret";

	static final String ARGUMENTS = "{\"thing\":{\"id\":\"" + SECRET_ID + "\",\"name\":\"" + SECRET_NAME + "\"}}";

	@Test
	void eachCallIsOneLineWithPrincipalClientOutcomeAndNeitherTokenNorArgumentsAnywhere(CapturedOutput output)
			throws Exception {
		String token = issuer().token("alice")
			.audience(mcpResource())
			.scopes("things.write")
			.claim("azp", "inventory-agent")
			.sign();
		String session = this.http.openSession(token);
		HttpResponse<String> written = this.http.callTool(token, session, "write_thing", ARGUMENTS);
		assertThat(written.statusCode()).isEqualTo(200);
		assertThat(written.body()).contains("written " + SECRET_NAME);
		HttpResponse<String> denied = this.http.callTool(token, session, "delete_thing",
				"{\"id\":\"" + SECRET_ID + "\"}");
		assertThat(denied.statusCode()).isEqualTo(403);

		assertThat(output.getAll()).containsPattern(
				"io\\.github\\.mcpstarter\\.audit\\s+: MCP tool call tool=write_thing outcome=success duration=\\d+ms "
						+ "principal=alice client=inventory-agent transport=streamable-http session=[0-9a-f]{12}")
			.contains("MCP tool call tool=delete_thing outcome=denied")
			.doesNotContain(token)
			.doesNotContain(token.substring(token.lastIndexOf('.') + 1))
			.doesNotContain(session)
			.doesNotContain(SECRET_NAME)
			.doesNotContain(SECRET_ID)
			.doesNotContain("arguments=");
	}

	@Test
	void callsOverTheLegacySseTransportAreAuditedAlike(CapturedOutput output) throws Exception {
		String token = issuer().token("alice")
			.audience(mcpResource())
			.scopes("things.write")
			.claim("azp", "inventory-agent")
			.sign();
		String sessionId;
		try (SecureMcpHttp.SseConnection sse = this.http.openSse(token)) {
			String endpoint = sse.next("endpoint").data();
			sessionId = endpoint.substring(endpoint.indexOf("sessionId=") + "sessionId=".length());
			this.http.exchange("POST", endpoint, token, SecureMcpHttp.initializeRequest("2024-11-05"), NO_HEADERS);
			sse.nextResponse(1);
			this.http.exchange("POST", endpoint, token,
					SecureMcpHttp.request(5, "tools/call", "{\"name\":\"write_thing\",\"arguments\":" + ARGUMENTS + "}"),
					NO_HEADERS);
			assertThat(sse.nextResponse(5).at("/result/isError").asBoolean()).isFalse();
		}
		assertThat(output.getAll()).containsPattern("MCP tool call tool=write_thing outcome=success duration=\\d+ms "
				+ "principal=alice client=inventory-agent transport=sse session=[0-9a-f]{12}")
			.doesNotContain(token)
			.doesNotContain(sessionId)
			.doesNotContain(SECRET_NAME)
			.doesNotContain(SECRET_ID);
	}

	@Test
	void clientIdFallsBackToTheClientIdClaim(CapturedOutput output) throws Exception {
		String token = issuer().token("bob").audience(mcpResource()).claim("client_id", "reporting-bot").sign();
		String session = this.http.openSession(token);
		this.http.callTool(token, session, "list_things", "{}");
		assertThat(output.getAll())
			.contains("tool=list_things outcome=success")
			.contains("principal=bob client=reporting-bot transport=streamable-http");
	}

}
