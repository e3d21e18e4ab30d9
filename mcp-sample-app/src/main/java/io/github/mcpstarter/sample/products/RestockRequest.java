package io.github.mcpstarter.sample.products;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Positive;

/**
 * Body of a restock: how many units arrived at the warehouse.
 *
 * @param quantity the number of units to add, 1 to 10,000 per delivery (the upper bound keeps
 * the stock counter far from overflowing)
 */
public record RestockRequest(@Positive @Max(10_000) int quantity) {
}
