package io.github.mcpstarter.protocol;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Where the application says that a resource's contents changed, so that the clients subscribed
 * to it hear of it ({@code notifications/resources/updated}).
 *
 * @since 0.2.0
 */
public class ResourceUpdates {

	private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();

	/** Registers what tells the subscribers of a URI. */
	public void addListener(Consumer<String> listener) {
		this.listeners.add(listener);
	}

	/**
	 * Tells every client subscribed to the resource that it changed.
	 * @param uri the resource's URI, as clients read it
	 */
	public void updated(String uri) {
		this.listeners.forEach((listener) -> listener.accept(uri));
	}

}
