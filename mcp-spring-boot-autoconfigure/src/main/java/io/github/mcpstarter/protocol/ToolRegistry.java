package io.github.mcpstarter.protocol;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The published tools, in a stable order, looked up by name.
 *
 * <p>The set is replaced whole, so readers always see a consistent snapshot without locking.
 */
public class ToolRegistry {

	private volatile Snapshot snapshot = new Snapshot(List.of(), Map.of());

	private final List<Runnable> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();

	/** Registers an action to run whenever the published tools change. */
	public void addListener(Runnable listener) {
		this.listeners.add(listener);
	}

	/**
	 * Replaces the published tools.
	 * @param tools the tools, in the order {@code tools/list} shows them
	 * @throws IllegalArgumentException when two tools share a name
	 */
	public void publish(List<RegisteredTool> tools) {
		Map<String, RegisteredTool> byName = new LinkedHashMap<>();
		for (RegisteredTool tool : tools) {
			if (byName.putIfAbsent(tool.name(), tool) != null) {
				throw new IllegalArgumentException("Two tools are named '" + tool.name() + "'");
			}
		}
		List<Tool> before = this.snapshot.list().stream().map(RegisteredTool::tool).toList();
		this.snapshot = new Snapshot(List.copyOf(tools), Collections.unmodifiableMap(byName));
		if (!before.equals(tools.stream().map(RegisteredTool::tool).toList())) {
			this.listeners.forEach(Runnable::run);
		}
	}

	/** All published tools, in order. */
	public List<RegisteredTool> tools() {
		return this.snapshot.list();
	}

	/** The tool with that name, or {@code null}. */
	public @Nullable RegisteredTool find(String name) {
		return this.snapshot.byName().get(name);
	}

	/** The tools from {@code offset}, at most {@code limit} of them. */
	public List<Tool> page(int offset, int limit) {
		List<RegisteredTool> all = this.snapshot.list();
		List<Tool> page = new ArrayList<>(Math.min(limit, Math.max(0, all.size() - offset)));
		for (int i = offset; i < all.size() && i < offset + limit; i++) {
			page.add(all.get(i).tool());
		}
		return page;
	}

	public int size() {
		return this.snapshot.list().size();
	}

	private record Snapshot(List<RegisteredTool> list, Map<String, RegisteredTool> byName) {
	}

}
