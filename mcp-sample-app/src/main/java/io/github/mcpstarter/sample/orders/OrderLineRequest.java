package io.github.mcpstarter.sample.orders;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;

/**
 * One line of a new order: which product and how many. The price is not part of the request; it
 * always comes from the catalog.
 *
 * @param sku the product's SKU, such as {@code SKU-1001}
 * @param quantity how many units, at least 1
 */
public record OrderLineRequest(@NotBlank @Pattern(regexp = "SKU-\\d{4}") String sku, @Positive int quantity) {
}
