package io.github.mcpstarter.diagnostics;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import io.github.mcpstarter.McpTool;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link McpSecurityNotConfiguredFailureAnalyzer} on the failure of an application whose MCP
 * endpoints no resource server protects.
 */
@ExtendWith(OutputCaptureExtension.class)
class McpSecurityNotConfiguredFailureAnalyzerTests {

	/** Spring Security on, as in a real application (the module's test resources leave it out). */
	private static final String[] SECURED = { "--spring.autoconfigure.exclude=",
			"--mcp.server.security.allow-unauthenticated=false" };

	@Test
	void missingResourceServerIsExplainedWithTheIssuerPropertyAndTheOptOut() {
		FailureAnalysis analysis = FailureAnalyzerTestSupport
			.analyzeStartupFailure(new McpSecurityNotConfiguredFailureAnalyzer(), Unprotected.class, SECURED);
		assertThat(analysis.getDescription()).startsWith("The MCP endpoints would be open to anyone")
			.doesNotContain("not on the classpath");
		assertThat(analysis.getAction()).contains("spring.security.oauth2.resourceserver.jwt.issuer-uri=")
			.contains("mcpSecurityFilterChain")
			.contains("mcp.server.security.allow-unauthenticated=true");
	}

	@Test
	void bootReportsTheAnalysisInsteadOfAStackTrace(CapturedOutput output) {
		FailureAnalyzerTestSupport.analyzeStartupFailure(new McpSecurityNotConfiguredFailureAnalyzer(),
				Unprotected.class, SECURED);
		assertThat(output.getAll()).contains("APPLICATION FAILED TO START")
			.contains("The MCP endpoints would be open to anyone")
			.contains("set mcp.server.security.allow-unauthenticated=true");
	}

	@RestController
	static class ToolController {

		@McpTool(description = "Says hello")
		@GetMapping("/hello")
		String hello() {
			return "hello";
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import(ToolController.class)
	static class Unprotected {

	}

}
