package bench.logic;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;

/** One line of an order. */
public record OrderLine(@NotBlank String sku, @Positive int quantity) {
}
