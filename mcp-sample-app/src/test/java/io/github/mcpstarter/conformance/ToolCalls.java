package io.github.mcpstarter.conformance;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.stereotype.Component;

/** How often each conformance tool's endpoint ran. */
@Component
class ToolCalls {

	private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();

	void record(String tool) {
		this.counts.computeIfAbsent(tool, (name) -> new AtomicInteger()).incrementAndGet();
	}

	/** How often each tool ran so far. */
	Map<String, Integer> counts() {
		Map<String, Integer> counts = new java.util.TreeMap<>();
		this.counts.forEach((tool, count) -> counts.put(tool, count.get()));
		return counts;
	}

	int count(String tool) {
		AtomicInteger count = this.counts.get(tool);
		return (count != null) ? count.get() : 0;
	}

}
