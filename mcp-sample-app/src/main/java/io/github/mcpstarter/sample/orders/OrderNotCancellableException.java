package io.github.mcpstarter.sample.orders;

import java.util.Map;

import io.github.mcpstarter.sample.common.DomainException;

import org.springframework.http.HttpStatus;

/** Orders that have left the warehouse cannot be cancelled: 409. */
public class OrderNotCancellableException extends DomainException {

	public OrderNotCancellableException(long id, OrderStatus status) {
		super(HttpStatus.CONFLICT, "order-not-cancellable", "Order cannot be cancelled",
				"Order " + id + " is " + status + "; only NEW or PAID orders can be cancelled.",
				Map.of("orderId", id, "orderStatus", status));
	}

}
