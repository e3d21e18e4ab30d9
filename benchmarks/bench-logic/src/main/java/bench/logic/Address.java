package bench.logic;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Where an order ships to. */
public record Address(@NotBlank String street, @NotBlank String city, @Pattern(regexp = "[0-9]{5}") String zip,
		@NotBlank @Size(min = 2, max = 2) String country) {
}
