package io.github.mcpstarter.conformance;

import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Component;
import tools.jackson.databind.node.JsonNodeFactory;

import io.github.mcpstarter.protocol.CallToolResult;
import io.github.mcpstarter.protocol.RegisteredTool;
import io.github.mcpstarter.protocol.Tool;
import io.github.mcpstarter.protocol.ToolRegistry;

/**
 * A tool that comes and goes, for the scenarios that watch the tool list change: publishing a
 * different list is what tells clients (legacy sessions' streams, 2026-07-28 listeners).
 */
@Component
class DynamicTools {

	private static final String NAME = "test_dynamic_tool";

	private final ToolRegistry registry;

	DynamicTools(ToolRegistry registry) {
		this.registry = registry;
	}

	/** Adds the tool when it is not published, else removes it; whether it is published now. */
	synchronized boolean toggle() {
		List<RegisteredTool> tools = new ArrayList<>(this.registry.tools());
		boolean added = tools.removeIf((tool) -> NAME.equals(tool.name())) ? false
				: tools.add(new RegisteredTool(new Tool(NAME, null, "A tool added at run time", JsonNodeFactory.instance
					.objectNode()
					.put("type", "object"), null, null), (arguments, context) -> CallToolResult.text("dynamic")));
		this.registry.publish(tools);
		return added;
	}

}
