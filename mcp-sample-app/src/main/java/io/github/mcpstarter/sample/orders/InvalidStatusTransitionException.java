package io.github.mcpstarter.sample.orders;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.github.mcpstarter.sample.common.DomainException;

import org.springframework.http.HttpStatus;

/**
 * A status change that {@link OrderStatus#canBecome} forbids: 409. The problem lists the allowed
 * next statuses, so that a client or agent can correct itself.
 */
public class InvalidStatusTransitionException extends DomainException {

	public InvalidStatusTransitionException(long id, OrderStatus from, OrderStatus to) {
		super(HttpStatus.CONFLICT, "invalid-status-transition", "Invalid status transition",
				"Order " + id + " cannot move from " + from + " to " + to + ".",
				Map.of("orderId", id, "orderStatus", from, "allowed", allowedAfter(from)));
	}

	private static List<OrderStatus> allowedAfter(OrderStatus from) {
		return Arrays.stream(OrderStatus.values()).filter(from::canBecome).toList();
	}

}
