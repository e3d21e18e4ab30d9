package io.github.mcpstarter.sample.orders;

/**
 * Where an order is in its life: {@code NEW -> PAID -> SHIPPED -> DELIVERED}, and
 * {@code CANCELLED} from {@code NEW} or {@code PAID}.
 *
 * <p>The allowed moves live here, next to the states, so that the REST API and the MCP tools
 * cannot disagree about them.
 */
public enum OrderStatus {

	/** Placed, stock reserved, not paid yet. */
	NEW,

	/** Paid, waiting to be shipped. */
	PAID,

	/** Handed to the carrier. */
	SHIPPED,

	/** Received by the customer; final. */
	DELIVERED,

	/** Cancelled before shipping, stock returned; final. */
	CANCELLED;

	/** Whether an order in this status may move directly to {@code next}. */
	public boolean canBecome(OrderStatus next) {
		return switch (this) {
			case NEW -> next == PAID || next == CANCELLED;
			case PAID -> next == SHIPPED || next == CANCELLED;
			case SHIPPED -> next == DELIVERED;
			case DELIVERED, CANCELLED -> false;
		};
	}

}
