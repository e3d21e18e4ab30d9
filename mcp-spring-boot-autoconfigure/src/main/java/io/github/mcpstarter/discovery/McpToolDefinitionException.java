package io.github.mcpstarter.discovery;

import java.util.List;

/**
 * Thrown at startup when annotated endpoints cannot be published as they stand. It lists every
 * problem at once, each naming the handler method and the fix, so that nothing is ever dropped
 * silently.
 */
public class McpToolDefinitionException extends RuntimeException {

	private final List<String> problems;

	public McpToolDefinitionException(List<String> problems) {
		super(message(problems));
		this.problems = List.copyOf(problems);
	}

	/** Each problem, naming the handler method and the fix. */
	public List<String> getProblems() {
		return this.problems;
	}

	private static String message(List<String> problems) {
		StringBuilder message = new StringBuilder("Cannot publish the annotated endpoints over MCP (")
			.append(problems.size())
			.append(problems.size() == 1 ? " problem):" : " problems):");
		for (String problem : problems) {
			message.append(System.lineSeparator()).append(" - ").append(problem);
		}
		return message.toString();
	}

}
