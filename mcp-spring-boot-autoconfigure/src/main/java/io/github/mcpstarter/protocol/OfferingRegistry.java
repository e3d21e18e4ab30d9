package io.github.mcpstarter.protocol;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * The published offerings of one kind, in a stable order, looked up by their
 * {@link Offering#name() name} (a tool's name, a resource's URI, a template's URI template), the
 * key a client names one by.
 *
 * <p>The set is replaced whole, so readers always see a consistent snapshot without locking.
 *
 * @param <T> the kind of offering
 * @since 0.2.0
 */
public class OfferingRegistry<T extends Offering> {

	private final String noun;

	private final Function<T, Object> shown;

	private volatile Snapshot<T> snapshot = new Snapshot<>(List.of(), Map.of());

	private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

	/**
	 * @param noun what one offering is called in messages ("tool")
	 * @param shown what a list shows of one: a change of it is a change of the list
	 */
	protected OfferingRegistry(String noun, Function<T, Object> shown) {
		this.noun = noun;
		this.shown = shown;
	}

	/** Registers an action to run whenever what the lists show changes. */
	public void addListener(Runnable listener) {
		this.listeners.add(listener);
	}

	/**
	 * Replaces the published offerings.
	 * @param offerings the offerings, in the order their list shows them
	 * @throws IllegalArgumentException when two share a name
	 */
	public void publish(List<T> offerings) {
		Map<String, T> byName = new LinkedHashMap<>();
		for (T offering : offerings) {
			if (byName.putIfAbsent(offering.name(), offering) != null) {
				throw new IllegalArgumentException("Two " + this.noun + "s are named '" + offering.name() + "'");
			}
		}
		List<Object> before = this.snapshot.list().stream().map(this.shown).toList();
		this.snapshot = new Snapshot<>(List.copyOf(offerings), Collections.unmodifiableMap(byName));
		if (!before.equals(offerings.stream().map(this.shown).toList())) {
			this.listeners.forEach(Runnable::run);
		}
	}

	/** All published offerings, in order. */
	public List<T> all() {
		return this.snapshot.list();
	}

	/** The offering with that name, or {@code null}. */
	public @Nullable T find(String name) {
		return this.snapshot.byName().get(name);
	}

	public int size() {
		return this.snapshot.list().size();
	}


	private record Snapshot<T>(List<T> list, Map<String, T> byName) {
	}

}
