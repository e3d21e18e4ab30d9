package io.github.mcpstarter.sample.orders;

import java.net.URI;

import io.github.mcpstarter.McpTool;
import io.github.mcpstarter.McpTool.Hint;
import io.github.mcpstarter.sample.common.Page;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Customer orders.
 *
 * <p>Shows method-level publishing: only the methods annotated with {@code @McpTool} are tools,
 * each with a description written for an AI agent.
 *
 * <p>Reading needs the {@code orders.read} scope, writing {@code orders.write}: the URL rules of
 * {@code SecurityConfiguration} say so for every endpoint. Most methods say it once more with
 * {@code @PreAuthorize}, which holds however the method is reached and tells the starter the
 * scopes of their tools; {@code updateOrderStatus} and {@code shipOrder} rely on the URL rules alone.
 */
@RestController
@RequestMapping("/api/orders")
public class OrderController {

	private final OrderService orders;

	public OrderController(OrderService orders) {
		this.orders = orders;
	}

	@McpTool(description = "Lists orders page by page, newest first, optionally only those in one status "
			+ "and only those of one customer email address.")
	@GetMapping
	@PreAuthorize("hasAuthority('SCOPE_orders.read')")
	public Page<Order> listOrders(@RequestParam(defaultValue = "0") @Min(0) int page,
			@RequestParam(defaultValue = "20") @Min(1) @Max(100) int size,
			@RequestParam(required = false) OrderStatus status,
			@RequestParam(required = false) @Email String customerEmail) {
		return this.orders.list(page, size, status, customerEmail);
	}

	@McpTool(description = "Returns one order by its numeric id, with its lines, shipping address, status, "
			+ "total in EUR and creation time. Fails with 404 when there is no such order.")
	@GetMapping("/{id}")
	@PreAuthorize("hasAuthority('SCOPE_orders.read')")
	public Order getOrder(@PathVariable long id) {
		return this.orders.get(id);
	}

	@McpTool(description = "Places a new order for a customer at catalog prices and reserves stock for every "
			+ "line; the order starts in status NEW. Fails with 422 when a SKU does not exist and with 409 "
			+ "when a product has too few units in stock.", destructive = Hint.FALSE)
	@PostMapping
	@PreAuthorize("hasAuthority('SCOPE_orders.write')")
	public ResponseEntity<Order> createOrder(@Valid @RequestBody CreateOrderRequest request) {
		Order order = this.orders.create(request);
		// The usual idiom works for tool calls too: they run as a real request to POST /api/orders.
		URI location = ServletUriComponentsBuilder.fromCurrentRequest()
			.path("/{id}")
			.buildAndExpand(order.id())
			.toUri();
		return ResponseEntity.created(location).body(order);
	}

	@McpTool(description = "Moves an order to another status along NEW -> PAID -> SHIPPED -> DELIVERED; NEW "
			+ "and PAID orders may also become CANCELLED, which returns their stock. Any other move fails "
			+ "with 409 and lists the allowed statuses.")
	@PutMapping("/{id}/status")
	public Order updateOrderStatus(@PathVariable long id, @Valid @RequestBody UpdateStatusRequest request) {
		return this.orders.updateStatus(id, request.status());
	}

	/** Cancels rather than erases: the order stays readable, in status CANCELLED. */
	@McpTool(description = "Cancels an order that is NEW or PAID and returns its reserved stock to inventory. "
			+ "Cancelling a cancelled order does nothing; shipped or delivered orders cannot be cancelled (409).")
	@DeleteMapping("/{id}")
	@PreAuthorize("hasAuthority('SCOPE_orders.write')")
	public ResponseEntity<Void> cancelOrder(@PathVariable long id) {
		this.orders.cancel(id);
		return ResponseEntity.noContent().build();
	}

	@McpTool(description = "Ships a PAID order, moving it to status SHIPPED, and returns the updated order. "
			+ "Fails with 409 when the order is in any other status.")
	@PostMapping("/{id}/ship")
	public Order shipOrder(@PathVariable long id) {
		return this.orders.ship(id);
	}

}
