package io.github.mcpstarter.sample.orders;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Where an order goes. Used both in the request and in the stored order, as the address is kept
 * exactly as given.
 *
 * @param street street and house number
 * @param city the city or town
 * @param postalCode the postal code: 2 to 10 letters, digits, spaces or hyphens, such as
 * {@code 80331} or {@code NW1 6XE}
 * @param country the ISO 3166-1 alpha-2 country code, such as {@code DE}
 */
public record ShippingAddress(@NotBlank @Size(max = 200) String street, @NotBlank @Size(max = 100) String city,
		@NotBlank @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9 -]{1,9}") String postalCode,
		@NotBlank @Size(min = 2, max = 2) String country) {
}
