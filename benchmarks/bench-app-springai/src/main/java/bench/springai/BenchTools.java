package bench.springai;

import java.util.Set;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import org.springframework.ai.mcp.annotation.McpTool;
import org.springframework.ai.mcp.annotation.McpToolParam;
import org.springframework.stereotype.Component;

import bench.logic.BenchService;
import bench.logic.Catalog;
import bench.logic.CreateOrderRequest;
import bench.logic.OrderConfirmation;
import bench.logic.Product;

/**
 * The same three operations as Spring AI {@code @McpTool} methods. Spring AI does not run Bean
 * Validation on tool arguments, so {@link #placeOrder} validates explicitly, as {@code @Valid}
 * does for the REST endpoint: the same work on both sides.
 */
@Component
class BenchTools {

	private final BenchService service;

	private final Validator validator;

	BenchTools(BenchService service, Validator validator) {
		this.service = service;
		this.validator = validator;
	}

	@McpTool(name = "get_product", description = "Returns one product by its id.", generateOutputSchema = true)
	Product getProduct(@McpToolParam(description = "The product id", required = true) long id) {
		Product product = this.service.product(id);
		if (product == null) {
			throw new IllegalArgumentException("No product " + id);
		}
		return product;
	}

	@McpTool(name = "place_order", description = "Places an order for the given lines, shipped to the given address.",
			generateOutputSchema = true)
	OrderConfirmation placeOrder(@McpToolParam(description = "The order", required = true) CreateOrderRequest order) {
		Set<ConstraintViolation<CreateOrderRequest>> violations = this.validator.validate(order);
		if (!violations.isEmpty()) {
			throw new ConstraintViolationException(violations);
		}
		return this.service.placeOrder(order);
	}

	@McpTool(name = "catalog", description = "Returns the first products of the catalogue.", generateOutputSchema = true)
	Catalog catalog(@McpToolParam(description = "How many products", required = false) Integer size) {
		return this.service.catalog((size != null) ? size : BenchService.CATALOG_SIZE);
	}

}
