package bench.logic;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** The validated nested POST body. */
public record CreateOrderRequest(@NotBlank String customerId, @Valid @NotNull Address shipTo,
		@NotEmpty @Size(max = 50) List<@Valid @NotNull OrderLine> lines) {
}
