package io.github.mcpstarter.observation;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import tools.jackson.databind.json.JsonMapper;

import io.github.mcpstarter.protocol.CallToolResult;
import io.github.mcpstarter.protocol.Implementation;
import io.github.mcpstarter.protocol.InMemoryMcpSessionStore;
import io.github.mcpstarter.protocol.JsonRpcMessage;
import io.github.mcpstarter.protocol.McpRequestContext;
import io.github.mcpstarter.protocol.McpServer;
import io.github.mcpstarter.protocol.McpSession;
import io.github.mcpstarter.protocol.ProtocolVersions;
import io.github.mcpstarter.protocol.RegisteredTool;
import io.github.mcpstarter.protocol.Tool;
import io.github.mcpstarter.protocol.AccessPolicy;
import io.github.mcpstarter.protocol.ToolRegistry;
import io.github.mcpstarter.protocol.TransportContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link McpAuditLog}: one line per call on its own logger, naming who called what and how it
 * ended, and never the token, the session id or (unless asked) the arguments.
 */
@ExtendWith(OutputCaptureExtension.class)
class McpAuditLogTests {

	private static final String TOKEN_VALUE = "eyJhbGciOiJSUzI1NiJ9.c2VjcmV0LXRva2VuLXZhbHVl.c2lnbmF0dXJl";

	private static final String ARGUMENTS = """
			{"query":"blue widgets","card":{"cardNumber":"4111111111111111","holder":"Ada Lovelace"},\
			"items":[{"Password":"hunter2","sku":"W-1"}]}""";

	private final JsonMapper json = JsonMapper.builder().build();

	private final ToolRegistry tools = new ToolRegistry();

	private final InMemoryMcpSessionStore sessions = new InMemoryMcpSessionStore(Duration.ofMinutes(1), 10);

	McpAuditLogTests() {
		this.tools.publish(List.of(new RegisteredTool(
				new Tool("search", null, "search", this.json.createObjectNode().put("type", "object"), null, null),
				(arguments, context) -> CallToolResult.text("found"))));
	}

	@Test
	void lineNamesToolOutcomePrincipalClientTransportAndSessionDigest(CapturedOutput output) {
		McpSession session = call(new McpAuditLog(false, List.of()), "search");
		String line = auditLine(output);
		assertThat(line).contains("MCP tool call tool=search outcome=success duration=")
			.contains(" principal=alice client=inventory-agent transport=sse session=")
			.doesNotContain(session.id());
		assertThat(line.substring(line.indexOf("session=") + 8).trim()).matches("[0-9a-f]{12}");
	}

	@Test
	void neitherTokenNorArgumentsAreLoggedByDefault(CapturedOutput output) {
		call(new McpAuditLog(false, List.of("password")), "search");
		assertThat(auditLine(output)).doesNotContain("arguments=");
		assertThat(output.getAll()).doesNotContain(TOKEN_VALUE)
			.doesNotContain("blue widgets")
			.doesNotContain("4111111111111111")
			.doesNotContain("hunter2")
			.doesNotContain("Ada Lovelace");
	}

	@Test
	void optInArgumentsAreLoggedWithRedactedFieldsMaskedAtAnyDepthIgnoringCase(CapturedOutput output) {
		call(new McpAuditLog(true, List.of("cardNumber", "password")), "search");
		assertThat(auditLine(output)).contains("arguments=")
			.contains("\"query\":\"blue widgets\"")
			.contains("\"holder\":\"Ada Lovelace\"")
			.contains("\"cardNumber\":\"***\"")
			.contains("\"Password\":\"***\"")
			.contains("\"sku\":\"W-1\"");
		assertThat(output.getAll()).doesNotContain("4111111111111111").doesNotContain("hunter2");
	}

	@Test
	void secretsAreRedactedWhateverTheirSpellingAndWhateverIsConfigured(CapturedOutput output) {
		call(new McpAuditLog(true, List.of("iban")), "search", """
				{"access_token":"AT-LEAK","api_key":"AK-LEAK","client_secret":"CS-LEAK","X-Api-Key":"HDR-LEAK",
				"passwd":"PW-LEAK","db.password":"DB-LEAK","items":[{"IBAN":"DE-LEAK","sku":"W-1"}],"query":"widgets"}""");

		assertThat(auditLine(output)).contains("\"access_token\":\"***\"")
			.contains("\"X-Api-Key\":\"***\"")
			.contains("\"IBAN\":\"***\"")
			.contains("\"query\":\"widgets\"")
			.contains("\"sku\":\"W-1\"");
		assertThat(output.getAll()).doesNotContain("LEAK");
	}

	@Test
	void unknownToolIsLoggedAsUnknownNotWithTheNameTheClientSent(CapturedOutput output) {
		call(new McpAuditLog(false, List.of()), "evil\ninjected line");
		assertThat(auditLine(output)).contains("tool=unknown outcome=protocol_error");
		assertThat(output.getAll()).doesNotContain("injected line");
	}

	private McpSession call(McpAuditLog audit, String tool) {
		return call(audit, tool, ARGUMENTS);
	}

	private McpSession call(McpAuditLog audit, String tool, String arguments) {
		McpServer server = new McpServer(new Implementation("test", null, "1"), null, this.tools, this.sessions, 10,
				AccessPolicy.ALLOW_ALL, audit);
		McpSession session = this.sessions.create(new io.github.mcpstarter.protocol.SessionOwner(null, "alice", null), TransportContext.SSE,
				ProtocolVersions.LATEST, null);
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/sse/message");
		request.addHeader("Authorization", "Bearer " + TOKEN_VALUE);
		Jwt jwt = Jwt.withTokenValue(TOKEN_VALUE)
			.header("alg", "RS256")
			.subject("alice")
			.claims((claims) -> claims.putAll(Map.of("azp", "inventory-agent", "scope", "things.read")))
			.issuedAt(Instant.now())
			.expiresAt(Instant.now().plusSeconds(60))
			.build();
		request.setUserPrincipal(new JwtAuthenticationToken(jwt, List.of(), "alice"));
		TransportContext transport = new TransportContext() {
			@Override
			public <T> @Nullable T unwrap(Class<T> type) {
				return type.isInstance(request) ? type.cast(request) : null;
			}

			@Override
			public String name() {
				return TransportContext.SSE;
			}
		};
		server.handle(new JsonRpcMessage.Request(1L, "tools/call",
				this.json.createObjectNode().put("name", tool).set("arguments", this.json.readTree(arguments))),
				new McpRequestContext(session, ProtocolVersions.LATEST, transport));
		return session;
	}

	private static String auditLine(CapturedOutput output) {
		return output.getAll()
			.lines()
			.filter((line) -> line.contains(McpAuditLog.LOGGER_NAME) || line.contains("MCP tool call"))
			.reduce((first, second) -> second)
			.orElseThrow(() -> new AssertionError("No audit line in:\n" + output.getAll()));
	}

}
