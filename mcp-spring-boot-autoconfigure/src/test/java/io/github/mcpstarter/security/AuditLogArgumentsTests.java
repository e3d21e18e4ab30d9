package io.github.mcpstarter.security;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The audit log with argument logging switched on ({@code mcp.server.audit.log-arguments}): the
 * arguments appear, with the values of {@code mcp.server.audit.redacted-fields} masked, and the
 * token still never does.
 */
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = { "mcp.server.audit.log-arguments=true", "mcp.server.audit.redacted-fields=name" })
class AuditLogArgumentsTests extends SecuredMcpTestSupport {

	@Test
	void argumentsAreLoggedWithRedactedFieldsMasked(CapturedOutput output) throws Exception {
		String token = issuer().token("alice").audience(mcpResource()).scopes("things.write").sign();
		String session = this.http.openSession(token);
		HttpResponse<String> written = this.http.callTool(token, session, "write_thing", AuditLogTests.ARGUMENTS);
		assertThat(written.statusCode()).isEqualTo(200);
		assertThat(output.getAll())
			.contains("MCP tool call tool=write_thing outcome=success")
			.contains("arguments={\"thing\":{\"id\":\"" + AuditLogTests.SECRET_ID + "\",\"name\":\"***\"}}")
			.doesNotContain(AuditLogTests.SECRET_NAME)
			.doesNotContain(token);
	}

}
