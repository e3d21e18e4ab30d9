package io.github.mcpstarter.sample.products;

import java.util.List;

import io.github.mcpstarter.McpCompletion;
import io.github.mcpstarter.McpResource;
import io.github.mcpstarter.McpTool;
import io.github.mcpstarter.sample.common.Page;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The product catalog.
 *
 * <p>Shows class-level publishing: {@code @McpTool} on the class makes every handler method a
 * tool, and {@code @McpTool(exclude = true)} keeps the staff-only restock operation out of reach
 * of agents while it stays available over REST.
 *
 * <p>Reading the catalog needs the {@code orders.read} scope, as placing an order does;
 * restocking needs {@code inventory.write}, which no client gets by default. The URL rules of
 * {@code SecurityConfiguration} say the same.
 */
@RestController
@RequestMapping("/api/products")
@McpTool
@PreAuthorize("hasAuthority('SCOPE_orders.read')")
public class ProductController {

	private final ProductService products;

	public ProductController(ProductService products) {
		this.products = products;
	}

	@McpTool(description = "Lists catalog products page by page, sorted by SKU, optionally only one category "
			+ "and only products that are in stock (inStock=true) or sold out (inStock=false). "
			+ "To find products by keyword, use search_products instead.")
	@McpResource(uri = "catalog://products", name = "catalog", title = "Product catalog",
			description = "The first page of the catalog as JSON: up to 20 products sorted by SKU, with price and stock.")
	@GetMapping
	public Page<Product> listProducts(@RequestParam(defaultValue = "0") @Min(0) int page,
			@RequestParam(defaultValue = "20") @Min(1) @Max(100) int size,
			@RequestParam(required = false) Category category, @RequestParam(required = false) Boolean inStock) {
		return this.products.list(page, size, category, inStock);
	}

	@McpTool(description = "Returns one product by its SKU (such as SKU-1001) with its category, unit price "
			+ "in EUR and the number of units in stock. Fails with 404 when no product has that SKU.")
	@McpResource(uri = "products://{sku}", name = "product", title = "Product",
			description = "One product as JSON: its category, unit price in EUR and units in stock.")
	@GetMapping("/{sku}")
	public Product getProduct(
			@PathVariable @Pattern(regexp = Product.SKU_PATTERN) @McpCompletion("/api/products/skus") String sku) {
		return this.products.get(sku);
	}

	/**
	 * SKUs that start with what was typed. Not a tool: MCP clients get its answers as suggestions
	 * for the SKU of the {@code products://{sku}} template ({@code @McpCompletion}).
	 */
	@McpTool(exclude = true)
	@GetMapping("/skus")
	public List<String> skus(@RequestParam(defaultValue = "") String prefix) {
		return this.products.skusStartingWith(prefix);
	}

	@McpTool(description = "Searches products by keyword: each word of the query must start a word of the "
			+ "product's name or description, ignoring case and accents. Optionally only some categories; "
			+ "sorted by relevance unless another sort order is given.")
	@GetMapping("/search")
	public List<Product> searchProducts(@RequestParam @NotBlank @Size(max = 100) String q,
			@RequestParam(required = false) List<Category> categories,
			@RequestParam(defaultValue = "RELEVANCE") SortOrder sort) {
		return this.products.search(q, categories, sort);
	}

	/**
	 * Books a delivery into stock. A warehouse-staff operation, so it is not an MCP tool: an agent
	 * must not be able to create stock out of thin air.
	 */
	@McpTool(exclude = true)
	@PostMapping("/{sku}/restock")
	@PreAuthorize("hasAuthority('SCOPE_inventory.write')")
	public Product restockProduct(@PathVariable @Pattern(regexp = Product.SKU_PATTERN) String sku,
			@Valid @RequestBody RestockRequest request) {
		return this.products.restock(sku, request.quantity());
	}

}
