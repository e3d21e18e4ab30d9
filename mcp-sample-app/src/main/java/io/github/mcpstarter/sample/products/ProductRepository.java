package io.github.mcpstarter.sample.products;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Repository;

/**
 * The catalog, kept in memory.
 *
 * <p>A sample needs no database; a concurrent map keyed by SKU is enough, and every listing is
 * sorted by SKU so that results and pages are deterministic.
 */
@Repository
public class ProductRepository {

	private static final Comparator<Product> BY_SKU = Comparator.comparing(Product::sku);

	private final Map<String, Product> products = new ConcurrentHashMap<>();

	/** Every product, sorted by SKU. */
	public List<Product> findAll() {
		return this.products.values().stream().sorted(BY_SKU).toList();
	}

	public Optional<Product> findBySku(String sku) {
		return Optional.ofNullable(this.products.get(sku));
	}

	/** Inserts the product or replaces the one with the same SKU. */
	public Product save(Product product) {
		this.products.put(product.sku(), product);
		return product;
	}

	public long count() {
		return this.products.size();
	}

	public void deleteAll() {
		this.products.clear();
	}

}
