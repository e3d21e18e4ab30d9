package bench.ours;

import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import bench.logic.BenchService;
import bench.logic.Catalog;
import bench.logic.CreateOrderRequest;
import bench.logic.OrderConfirmation;
import bench.logic.Product;
import io.github.mcpstarter.McpTool;

/** The three benchmarked endpoints; every one is also an MCP tool. */
@RestController
@RequestMapping("/api")
@McpTool
class BenchController {

	private final BenchService service;

	BenchController(BenchService service) {
		this.service = service;
	}

	@McpTool(description = "Returns one product by its id.")
	@GetMapping("/products/{id}")
	Product getProduct(@PathVariable long id) {
		Product product = this.service.product(id);
		if (product == null) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No product " + id);
		}
		return product;
	}

	@McpTool(description = "Places an order for the given lines, shipped to the given address.")
	@PostMapping("/orders")
	OrderConfirmation placeOrder(@Valid @RequestBody CreateOrderRequest order) {
		return this.service.placeOrder(order);
	}

	@McpTool(description = "Returns the first products of the catalogue.")
	@GetMapping("/catalog")
	Catalog catalog(@RequestParam(defaultValue = "320") int size) {
		return this.service.catalog(size);
	}

}
