package io.github.mcpstarter.diagnostics;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.github.mcpstarter.McpResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code @McpResource} handlers that a read by URI could not run fail startup, every problem at
 * once, each with its fix.
 */
class ResourceDefinitionFailureTests {

	@Test
	void everyResourceThatCannotBeReadByItsUriIsReportedWithItsFix() {
		FailureAnalysis analysis = FailureAnalyzerTestSupport
			.analyzeStartupFailure(new McpToolDefinitionFailureAnalyzer(), Unreadable.class);
		assertThat(analysis.getDescription()).contains("6 problems")
			.contains("BadResources.post()").contains("it answers POST")
			.contains("it takes a request body")
			.contains("BadResources.missingVariable()").contains("path variable 'id' is not in the URI 'things://all'")
			.contains("BadResources.unknownVariable()").contains("{name} is no parameter")
			.contains("BadResources.requiredQuery()").contains("required parameter 'q'").contains("{?q}")
			.contains("BadResources.badTemplate()").contains("{+path} is not supported")
			.contains("Fix:");
	}

	@RestController
	static class BadResources {

		@McpResource(uri = "things://new")
		@PostMapping("/things")
		String post(@RequestBody String body) {
			return body;
		}

		@McpResource(uri = "things://all")
		@GetMapping("/things/{id}")
		String missingVariable(@PathVariable String id) {
			return id;
		}

		@McpResource(uri = "things://{id}/{name}")
		@GetMapping("/named/{id}")
		String unknownVariable(@PathVariable String id) {
			return id;
		}

		@McpResource(uri = "things://search")
		@GetMapping("/search")
		String requiredQuery(@RequestParam String q) {
			return q;
		}

		@McpResource(uri = "files://{+path}")
		@GetMapping("/files")
		String badTemplate() {
			return "";
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import(BadResources.class)
	static class Unreadable {

	}

}
