package io.github.mcpstarter.protocol;

import java.util.Set;

/**
 * A tool as published: its description and the handler that runs it.
 *
 * @param tool what {@code tools/list} shows
 * @param handler what {@code tools/call} runs
 * @param requiredClientCapabilities the client capabilities a call needs ({@code sampling},
 * {@code elicitation}); a modern request that does not declare them is refused with {@code -32021}
 */
public record RegisteredTool(Tool tool, ToolCallHandler handler, Set<String> requiredClientCapabilities) {

	public RegisteredTool {
		requiredClientCapabilities = Set.copyOf(requiredClientCapabilities);
	}

	/** A tool that needs nothing of the client. */
	public RegisteredTool(Tool tool, ToolCallHandler handler) {
		this(tool, handler, Set.of());
	}

	public String name() {
		return this.tool.name();
	}

}
