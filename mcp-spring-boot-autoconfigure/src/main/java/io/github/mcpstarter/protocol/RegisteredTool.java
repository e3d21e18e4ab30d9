package io.github.mcpstarter.protocol;

import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * A tool as published: its description and the handler that runs it.
 *
 * @param tool what {@code tools/list} shows
 * @param handler what {@code tools/call} runs
 * @param requiredClientCapabilities the client capabilities a call needs ({@code sampling},
 * {@code elicitation}); a modern request that does not declare them is refused with {@code -32021}
 * @param origin what publishes the tool (the invoker of its Spring MVC endpoint), or {@code null}
 * @param confirmationRequired whether the user must confirm each call before it runs
 */
public record RegisteredTool(Tool tool, ToolCallHandler handler, Set<String> requiredClientCapabilities,
		@Nullable Object origin, boolean confirmationRequired) implements Offering {

	public RegisteredTool {
		requiredClientCapabilities = Set.copyOf(requiredClientCapabilities);
	}

	/** A tool that runs without asking the user. */
	public RegisteredTool(Tool tool, ToolCallHandler handler, Set<String> requiredClientCapabilities,
			@Nullable Object origin) {
		this(tool, handler, requiredClientCapabilities, origin, false);
	}

	/** A tool made by hand. */
	public RegisteredTool(Tool tool, ToolCallHandler handler, Set<String> requiredClientCapabilities) {
		this(tool, handler, requiredClientCapabilities, null);
	}

	/** A tool made by hand that needs nothing of the client. */
	public RegisteredTool(Tool tool, ToolCallHandler handler) {
		this(tool, handler, Set.of(), null);
	}

	@Override
	public Kind kind() {
		return Kind.TOOL;
	}

	@Override
	public String name() {
		return this.tool.name();
	}

}
