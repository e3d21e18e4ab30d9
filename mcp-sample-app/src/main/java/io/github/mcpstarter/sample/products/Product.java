package io.github.mcpstarter.sample.products;

import java.math.BigDecimal;

/**
 * A catalog product and its current stock.
 *
 * <p>Immutable: a stock change replaces the stored record, so a reader never sees a half-updated
 * product.
 *
 * @param sku the stock keeping unit, {@code SKU-} and four digits, such as {@code SKU-1001}
 * @param name the display name
 * @param description a sentence or two about the product
 * @param category the catalog department
 * @param price the unit price in EUR
 * @param stock how many units are available to order; 0 means out of stock
 */
public record Product(String sku, String name, String description, Category category, BigDecimal price,
		int stock) {

	/** Regular expression of a valid SKU, shared by path variables and request bodies. */
	public static final String SKU_PATTERN = "SKU-\\d{4}";

	Product withStock(int newStock) {
		return new Product(this.sku, this.name, this.description, this.category, this.price, newStock);
	}

}
