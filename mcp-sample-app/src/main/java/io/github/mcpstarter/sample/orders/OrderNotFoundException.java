package io.github.mcpstarter.sample.orders;

import java.util.Map;

import io.github.mcpstarter.sample.common.DomainException;

import org.springframework.http.HttpStatus;

/** No order has the requested id: 404. */
public class OrderNotFoundException extends DomainException {

	public OrderNotFoundException(long id) {
		super(HttpStatus.NOT_FOUND, "order-not-found", "Order not found", "No order has id " + id + ".",
				Map.of("orderId", id));
	}

}
