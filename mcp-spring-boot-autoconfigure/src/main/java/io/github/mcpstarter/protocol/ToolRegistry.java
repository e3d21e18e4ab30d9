package io.github.mcpstarter.protocol;

import java.util.List;

/**
 * The published tools, in a stable order, looked up by name.
 *
 * <p>The set is replaced whole, so readers always see a consistent snapshot without locking.
 */
public class ToolRegistry extends OfferingRegistry<RegisteredTool> {

	public ToolRegistry() {
		super("tool", RegisteredTool::tool);
	}

	/** All published tools, in order. */
	public List<RegisteredTool> tools() {
		return all();
	}

}
