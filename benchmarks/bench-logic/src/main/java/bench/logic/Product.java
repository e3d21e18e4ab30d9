package bench.logic;

import java.math.BigDecimal;
import java.util.List;

/** A catalogue entry: the small JSON read (about 200 bytes). */
public record Product(long id, String sku, String name, String category, BigDecimal price, int stock,
		List<String> tags) {
}
