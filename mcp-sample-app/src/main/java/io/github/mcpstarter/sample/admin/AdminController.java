package io.github.mcpstarter.sample.admin;

import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.mcpstarter.sample.orders.Order;
import io.github.mcpstarter.sample.orders.OrderRepository;
import io.github.mcpstarter.sample.orders.OrderStatus;
import io.github.mcpstarter.sample.products.ProductRepository;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Back-office figures.
 *
 * <p>Intentionally <strong>not</strong> an MCP tool: it carries no {@code @McpTool}, neither on
 * the class nor on a method, so the starter does not publish it and agents never see it. It
 * remains an ordinary REST endpoint, showing that publishing is opt-in.
 */
@RestController
@RequestMapping("/api/admin")
public class AdminController {

	private static final Set<OrderStatus> EARNING = EnumSet.of(OrderStatus.PAID, OrderStatus.SHIPPED,
			OrderStatus.DELIVERED);

	private final ProductRepository products;

	private final OrderRepository orders;

	public AdminController(ProductRepository products, OrderRepository orders) {
		this.products = products;
		this.orders = orders;
	}

	@GetMapping("/stats")
	public AdminStats stats() {
		long outOfStock = this.products.findAll().stream().filter((product) -> product.stock() == 0).count();
		List<Order> allOrders = this.orders.findAll();
		Map<OrderStatus, Long> byStatus = new EnumMap<>(OrderStatus.class);
		for (OrderStatus status : OrderStatus.values()) {
			byStatus.put(status, 0L);
		}
		allOrders.forEach((order) -> byStatus.merge(order.status(), 1L, Long::sum));
		BigDecimal revenue = allOrders.stream()
			.filter((order) -> EARNING.contains(order.status()))
			.map(Order::total)
			.reduce(BigDecimal.ZERO, BigDecimal::add);
		return new AdminStats(this.products.count(), outOfStock, allOrders.size(), byStatus, revenue);
	}

}
