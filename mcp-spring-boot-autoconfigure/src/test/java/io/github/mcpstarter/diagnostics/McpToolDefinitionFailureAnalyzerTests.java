package io.github.mcpstarter.diagnostics;

import java.io.InputStream;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import io.github.mcpstarter.McpTool;
import io.github.mcpstarter.discovery.DuplicateToolNameException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link McpToolDefinitionFailureAnalyzer} on the failure of an application with annotated
 * endpoints that cannot be published.
 */
@ExtendWith(OutputCaptureExtension.class)
class McpToolDefinitionFailureAnalyzerTests {

	@Test
	void everyEndpointThatCannotBeExposedIsExplainedWithItsFix() {
		FailureAnalysis analysis = FailureAnalyzerTestSupport
			.analyzeStartupFailure(new McpToolDefinitionFailureAnalyzer(), Unpublishable.class);
		assertThat(analysis.getDescription()).startsWith("2 problems with endpoints annotated for MCP")
			.contains("FilesController.download")
			.contains("FilesController.upload")
			.contains("Fix:");
		assertThat(analysis.getAction()).contains("@McpTool(exclude = true)").contains("remove its annotation (@McpTool");
	}

	@Test
	void duplicateNamesAloneAreLeftToTheirOwnAnalyzer() {
		FailureAnalysis analysis = new McpToolDefinitionFailureAnalyzer()
			.analyze(new DuplicateToolNameException(List.of("Two tools")));
		assertThat(analysis).isNull();
	}

	@Test
	void bootReportsTheAnalysisInsteadOfAStackTrace(CapturedOutput output) {
		FailureAnalyzerTestSupport.analyzeStartupFailure(new McpToolDefinitionFailureAnalyzer(), Unpublishable.class);
		assertThat(output.getAll()).contains("APPLICATION FAILED TO START")
			.contains("problems with endpoints annotated for MCP")
			.contains("No endpoint is ever dropped silently");
	}

	@RestController
	static class FilesController {

		@McpTool
		@GetMapping("/files/**")
		String download() {
			return "file";
		}

		@McpTool
		@PostMapping("/files")
		String upload(@RequestBody InputStream content) {
			return "uploaded";
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import(FilesController.class)
	static class Unpublishable {

	}

}
