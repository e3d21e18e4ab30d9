package io.github.mcpstarter.sample.orders;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * Body of a new order. Nested and validated all the way down, so that a bad line or address is
 * reported field by field before any stock is touched.
 *
 * @param customerEmail the customer's email address
 * @param lines the products and quantities, at least one line; a SKU may appear more than once
 * @param shippingAddress where to send the order
 * @param note an optional message for the warehouse, at most 500 characters
 */
public record CreateOrderRequest(@NotBlank @Email String customerEmail,
		@NotEmpty List<@Valid OrderLineRequest> lines, @NotNull @Valid ShippingAddress shippingAddress,
		@Size(max = 500) String note) {
}
