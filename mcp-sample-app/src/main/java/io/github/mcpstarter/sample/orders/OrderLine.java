package io.github.mcpstarter.sample.orders;

import java.math.BigDecimal;

/**
 * One line of a placed order. Name and price are copied from the catalog when the order is
 * placed, so later catalog changes do not rewrite past orders.
 *
 * @param sku the product's SKU
 * @param productName the product's name at the time of ordering
 * @param quantity how many units
 * @param unitPrice the price of one unit in EUR at the time of ordering
 * @param lineTotal {@code unitPrice} times {@code quantity}
 */
public record OrderLine(String sku, String productName, int quantity, BigDecimal unitPrice, BigDecimal lineTotal) {

	/** Creates a line whose total is computed from the unit price and quantity. */
	public static OrderLine of(String sku, String productName, int quantity, BigDecimal unitPrice) {
		return new OrderLine(sku, productName, quantity, unitPrice, unitPrice.multiply(BigDecimal.valueOf(quantity)));
	}

}
