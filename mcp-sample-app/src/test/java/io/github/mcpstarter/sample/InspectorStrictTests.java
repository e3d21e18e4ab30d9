package io.github.mcpstarter.sample;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;

import io.github.mcpstarter.realcode.InspectorStrict;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * MCP Inspector's schema portability lint ({@code --strict} on {@code tools/list}) finds nothing in
 * the sample's tools, with a real token of the demo client: no error and no warning.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
class InspectorStrictTests extends SampleAppTestSupport {

	// Before the portable nullable form (anyOf), it found 68 type-union warnings here.
	@Test
	void strictSchemaLintFindsNothingInTheSampleTools() throws Exception {
		List<String> findings = InspectorStrict.findings(DemoAuthorizationServer.baseUrl(this.port) + "/mcp",
				DemoAuthorizationServer.demoClientToken(this.port), PUBLISHED_TOOLS.size());

		assertThat(findings).as("%d Inspector --strict findings:%n%s", findings.size(), String.join("\n", findings))
			.isEmpty();
	}

}
