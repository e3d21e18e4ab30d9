package io.github.mcpstarter.sample.reports;

import java.math.BigDecimal;
import java.util.List;

/**
 * The value of the stock on hand, per category and in total, in EUR.
 *
 * @param lines one line per category, in category order
 * @param totalUnits the units in stock across the catalog
 * @param totalValue the value of those units at catalog prices
 */
public record InventoryReport(List<Line> lines, long totalUnits, BigDecimal totalValue) {

	/**
	 * The stock of one category.
	 *
	 * @param category the category
	 * @param units the units in stock
	 * @param value their value at catalog prices
	 */
	public record Line(String category, long units, BigDecimal value) {
	}

}
