package io.github.mcpstarter.sample.admin;

import java.math.BigDecimal;
import java.util.Map;

import io.github.mcpstarter.sample.orders.OrderStatus;

/**
 * Counts for the back office.
 *
 * @param products how many products the catalog has
 * @param outOfStockProducts how many of them have no stock
 * @param orders how many orders there are, in any status
 * @param ordersByStatus how many orders are in each status, every status listed
 * @param revenue the total of all PAID, SHIPPED and DELIVERED orders in EUR
 */
public record AdminStats(long products, long outOfStockProducts, long orders, Map<OrderStatus, Long> ordersByStatus,
		BigDecimal revenue) {
}
