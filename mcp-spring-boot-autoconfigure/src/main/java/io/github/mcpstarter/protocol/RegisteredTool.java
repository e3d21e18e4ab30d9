package io.github.mcpstarter.protocol;

/**
 * A tool as published: its description and the handler that runs it.
 *
 * @param tool what {@code tools/list} shows
 * @param handler what {@code tools/call} runs
 */
public record RegisteredTool(Tool tool, ToolCallHandler handler) {

	public String name() {
		return this.tool.name();
	}

}
