package io.github.mcpstarter.protocol;

import java.util.List;

/**
 * The published tools, in a stable order, looked up by name.
 *
 * <p>The set is replaced whole, so readers always see a consistent snapshot without locking.
 */
public class ToolRegistry extends OfferingRegistry<RegisteredTool> {

	public ToolRegistry() {
		super("tool", RegisteredTool::name, RegisteredTool::tool);
	}

	/** All published tools, in order. */
	public List<RegisteredTool> tools() {
		return all();
	}

	/** The tools from {@code offset}, at most {@code limit} of them. */
	public List<Tool> page(int offset, int limit) {
		return page(offset, limit, RegisteredTool::tool);
	}

}
