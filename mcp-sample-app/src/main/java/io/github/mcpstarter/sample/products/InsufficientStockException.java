package io.github.mcpstarter.sample.products;

import java.util.Map;

import io.github.mcpstarter.sample.common.DomainException;

import org.springframework.http.HttpStatus;

/**
 * More units were asked for than are in stock: 409, because the request conflicts with the
 * current state of the inventory and may succeed later, after a restock.
 */
public class InsufficientStockException extends DomainException {

	public InsufficientStockException(String sku, long requested, int available) {
		super(HttpStatus.CONFLICT, "insufficient-stock", "Insufficient stock",
				"Requested " + requested + " of " + sku + " but only " + available + " in stock.",
				Map.of("sku", sku, "requested", requested, "available", available));
	}

}
