package io.github.mcpstarter.sample.orders;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A customer's order. Immutable: a status change stores a new record.
 *
 * @param id the order number, assigned by the service
 * @param customerEmail the customer's email address
 * @param lines what was ordered, in the order given
 * @param shippingAddress where it goes
 * @param status where the order is in its life
 * @param total the sum of the line totals in EUR
 * @param createdAt when the order was placed
 * @param note an optional message from the customer, or {@code null}
 */
public record Order(long id, String customerEmail, List<OrderLine> lines, ShippingAddress shippingAddress,
		OrderStatus status, BigDecimal total, Instant createdAt, String note) {

	public Order {
		lines = List.copyOf(lines);
	}

	/** Creates an order whose total is the sum of its line totals. */
	public static Order of(long id, String customerEmail, List<OrderLine> lines, ShippingAddress shippingAddress,
			OrderStatus status, Instant createdAt, String note) {
		BigDecimal total = lines.stream().map(OrderLine::lineTotal).reduce(BigDecimal.ZERO, BigDecimal::add);
		return new Order(id, customerEmail, lines, shippingAddress, status, total, createdAt, note);
	}

	Order withStatus(OrderStatus newStatus) {
		return new Order(this.id, this.customerEmail, this.lines, this.shippingAddress, newStatus, this.total,
				this.createdAt, this.note);
	}

	Order withNote(String newNote) {
		return new Order(this.id, this.customerEmail, this.lines, this.shippingAddress, this.status, this.total,
				this.createdAt, newNote);
	}

}
