package bench.logic;

import java.util.List;

/** A page of the catalogue: the large response (about 50 KB of JSON with the default size). */
public record Catalog(int count, List<Product> products) {
}
