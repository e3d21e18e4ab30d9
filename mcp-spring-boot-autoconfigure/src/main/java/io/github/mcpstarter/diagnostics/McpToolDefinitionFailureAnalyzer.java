package io.github.mcpstarter.diagnostics;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

import io.github.mcpstarter.discovery.DuplicateToolNameException;
import io.github.mcpstarter.discovery.McpToolDefinitionException;

/**
 * Explains an {@link McpToolDefinitionException}: annotated endpoints that cannot be published as
 * tools as they stand (wildcard paths, raw body streams, several HTTP methods...), each with its fix.
 *
 * @since 0.1.0
 */
public class McpToolDefinitionFailureAnalyzer extends AbstractFailureAnalyzer<McpToolDefinitionException> {

	@Override
	protected @Nullable FailureAnalysis analyze(Throwable rootFailure, McpToolDefinitionException cause) {
		if (cause instanceof DuplicateToolNameException) {
			return null; // DuplicateToolNameFailureAnalyzer's
		}
		int count = cause.getProblems().size();
		StringBuilder description = new StringBuilder()
			.append(count == 1 ? "An endpoint annotated for MCP cannot"
					: count + " problems with endpoints annotated for MCP: they cannot")
			.append(" be published (as tools, resources, prompts or completions) as they stand:");
		for (String problem : cause.getProblems()) {
			description.append(System.lineSeparator()).append("    - ").append(problem);
		}
		return new FailureAnalysis(description.toString(),
				"Change each method named above as its 'Fix:' says, or stop publishing it: remove its annotation "
						+ "(@McpTool, @McpResource, @McpPrompt, @McpCompletion), or mark it @McpTool(exclude = true) when "
						+ "its controller class is annotated @McpTool. No endpoint is "
						+ "ever dropped silently, so the application starts only once every annotated endpoint can "
						+ "be published.",
				cause);
	}

}
