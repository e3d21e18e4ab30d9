package io.github.mcpstarter.sample.products;

import java.util.Map;

import io.github.mcpstarter.sample.common.DomainException;

import org.springframework.http.HttpStatus;

/** A product was asked for by a SKU that the catalog does not have: 404. */
public class ProductNotFoundException extends DomainException {

	public ProductNotFoundException(String sku) {
		super(HttpStatus.NOT_FOUND, "product-not-found", "Product not found",
				"No product has SKU '" + sku + "'.", Map.of("sku", sku));
	}

}
