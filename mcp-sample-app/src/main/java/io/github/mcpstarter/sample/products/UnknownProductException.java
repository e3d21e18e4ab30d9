package io.github.mcpstarter.sample.products;

import java.util.List;
import java.util.Map;

import io.github.mcpstarter.sample.common.DomainException;

import org.springframework.http.HttpStatus;

/**
 * An order named SKUs that the catalog does not have: 422, since the request is well formed
 * but refers to things that do not exist (unlike a 404, the order resource itself is fine).
 */
public class UnknownProductException extends DomainException {

	public UnknownProductException(List<String> skus) {
		super(HttpStatus.UNPROCESSABLE_CONTENT, "unknown-product", "Unknown product",
				"The catalog has no product with SKU " + String.join(", ", skus) + ".", Map.of("skus", skus));
	}

}
