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
 * {@link DuplicateToolNameFailureAnalyzer} on the failure of an application with two tools of one
 * name.
 */
@ExtendWith(OutputCaptureExtension.class)
class DuplicateToolNameFailureAnalyzerTests {

	@Test
	void twoToolsOfOneNameAreExplainedWithBothMethodsAndHowToRenameOne() {
		FailureAnalysis analysis = FailureAnalyzerTestSupport
			.analyzeStartupFailure(new DuplicateToolNameFailureAnalyzer(), DuplicateNames.class);
		assertThat(analysis.getDescription()).startsWith("MCP tool names must be unique")
			.contains("Two tools are named 'find_orders': ")
			.contains("FirstController.findOrders")
			.contains("SecondController.findOrders");
		assertThat(analysis.getAction()).contains("@McpTool(name = \"...\")").contains("@McpTool(exclude = true)");
	}

	@Test
	void bootReportsTheAnalysisInsteadOfAStackTrace(CapturedOutput output) {
		FailureAnalyzerTestSupport.analyzeStartupFailure(new DuplicateToolNameFailureAnalyzer(), DuplicateNames.class);
		assertThat(output.getAll()).contains("APPLICATION FAILED TO START")
			.contains("MCP tool names must be unique")
			.contains("Give one endpoint of each pair another name");
	}

	@RestController
	static class FirstController {

		@McpTool
		@GetMapping("/orders")
		String findOrders() {
			return "first";
		}

	}

	@RestController
	static class SecondController {

		@McpTool
		@GetMapping("/archive/orders")
		String findOrders() {
			return "second";
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import({ FirstController.class, SecondController.class })
	static class DuplicateNames {

	}

}
