package io.github.mcpstarter.diagnostics;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

import io.github.mcpstarter.discovery.DuplicateToolNameException;

/**
 * Explains a {@link DuplicateToolNameException}: two endpoints that would publish tools of one name.
 *
 * @since 0.1.0
 */
public class DuplicateToolNameFailureAnalyzer extends AbstractFailureAnalyzer<DuplicateToolNameException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, DuplicateToolNameException cause) {
		StringBuilder description = new StringBuilder(
				"MCP tool names must be unique, and these @McpTool endpoints share one:");
		for (String problem : cause.getProblems()) {
			description.append(System.lineSeparator()).append("    - ").append(problem);
		}
		return new FailureAnalysis(description.toString(),
				"Give one endpoint of each pair another name with @McpTool(name = \"...\") (a tool is otherwise "
						+ "named after its method, in snake_case: getOrder becomes get_order), or stop publishing one "
						+ "of them with @McpTool(exclude = true).",
				cause);
	}

}
