package io.github.mcpstarter;

import org.springframework.context.ApplicationEvent;

/**
 * Tells the MCP clients subscribed to a resource that its contents changed: publish it with the
 * application's {@code ApplicationEventPublisher} when the data behind a resource changes.
 *
 * <pre class="code">
 * events.publishEvent(new McpResourceUpdatedEvent(this, "orders://" + order.id()));
 * </pre>
 *
 * Clients subscribed to that exact URI get {@code notifications/resources/updated}: a legacy session
 * that sent {@code resources/subscribe} for it, on its stream, and a modern
 * {@code subscriptions/listen} stream that lists it in {@code resourceSubscriptions}. Nobody else
 * hears of it, so publishing for a URI nobody subscribes to costs next to nothing.
 *
 * @since 0.2.0
 */
public class McpResourceUpdatedEvent extends ApplicationEvent {

	private final String uri;

	/**
	 * @param source what publishes the event
	 * @param uri the resource's URI, as clients read it ({@code orders://42}, not a template)
	 */
	public McpResourceUpdatedEvent(Object source, String uri) {
		super(source);
		this.uri = uri;
	}

	/** The URI of the resource that changed. */
	public String getUri() {
		return this.uri;
	}

}
