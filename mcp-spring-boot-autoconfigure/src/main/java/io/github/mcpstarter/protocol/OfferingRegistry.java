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
 * The published offerings of one kind, in a stable order, looked up by their key (a tool's name,
 * a resource's URI).
 *
 * <p>The set is replaced whole, so readers always see a consistent snapshot without locking.
 *
 * @param <T> the kind of offering
 * @since 0.2.0
 */
public class OfferingRegistry<T extends Offering> {

	private final String noun;

	private final Function<T, String> key;

	private final Function<T, Object> shown;

	private volatile Snapshot<T> snapshot = new Snapshot<>(List.of(), Map.of());

	private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

	/**
	 * @param noun what one offering is called in messages ("tool")
	 * @param key what a client names one by
	 * @param shown what a list shows of one: a change of it is a change of the list
	 */
	protected OfferingRegistry(String noun, Function<T, String> key, Function<T, Object> shown) {
		this.noun = noun;
		this.key = key;
		this.shown = shown;
	}

	/** Registers an action to run whenever what the lists show changes. */
	public void addListener(Runnable listener) {
		this.listeners.add(listener);
	}

	/**
	 * Replaces the published offerings.
	 * @param offerings the offerings, in the order their list shows them
	 * @throws IllegalArgumentException when two share a key
	 */
	public void publish(List<T> offerings) {
		Map<String, T> byKey = new LinkedHashMap<>();
		for (T offering : offerings) {
			if (byKey.putIfAbsent(this.key.apply(offering), offering) != null) {
				throw new IllegalArgumentException("Two " + this.noun + "s are named '" + this.key.apply(offering) + "'");
			}
		}
		List<Object> before = this.snapshot.list().stream().map(this.shown).toList();
		this.snapshot = new Snapshot<>(List.copyOf(offerings), Collections.unmodifiableMap(byKey));
		if (!before.equals(offerings.stream().map(this.shown).toList())) {
			this.listeners.forEach(Runnable::run);
		}
	}

	/** All published offerings, in order. */
	public List<T> all() {
		return this.snapshot.list();
	}

	/** The offering with that key, or {@code null}. */
	public @Nullable T find(String key) {
		return this.snapshot.byKey().get(key);
	}

	public int size() {
		return this.snapshot.list().size();
	}

	/** What the list shows of the offerings from {@code offset}, at most {@code limit} of them. */
	protected <S> List<S> page(int offset, int limit, Function<T, S> shown) {
		List<T> all = this.snapshot.list();
		List<S> page = new ArrayList<>(Math.min(limit, Math.max(0, all.size() - offset)));
		for (int i = offset; i < all.size() && i < offset + limit; i++) {
			page.add(shown.apply(all.get(i)));
		}
		return page;
	}

	private record Snapshot<T>(List<T> list, Map<String, T> byKey) {
	}

}
