package io.github.mcpstarter.sample.orders;

import java.util.Map;

import io.github.mcpstarter.sample.common.DomainException;

import org.springframework.http.HttpStatus;

/** Only paid orders can be shipped: 409, naming the status the order is in now. */
public class OrderNotShippableException extends DomainException {

	public OrderNotShippableException(long id, OrderStatus status) {
		super(HttpStatus.CONFLICT, "order-not-shippable", "Order cannot be shipped",
				"Order " + id + " is " + status + "; only PAID orders can be shipped.",
				Map.of("orderId", id, "orderStatus", status));
	}

}
