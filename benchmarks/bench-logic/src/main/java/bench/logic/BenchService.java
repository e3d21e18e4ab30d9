package bench.logic;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The endpoint logic both benchmarked servers call, so that they differ only in how the logic is
 * published: a small JSON read, a validated order and a 50 KB catalogue page.
 */
public class BenchService {

	/** Products in the catalogue; 320 of them serialize to about 50 KB. */
	public static final int CATALOG_SIZE = 320;

	private final List<Product> products;

	private final AtomicLong orders = new AtomicLong();

	public BenchService() {
		List<Product> all = new ArrayList<>(CATALOG_SIZE);
		for (int i = 1; i <= CATALOG_SIZE; i++) {
			all.add(new Product(i, "SKU-%05d".formatted(i), "Product number %d, a thing of some use".formatted(i),
					(i % 3 == 0) ? "tools" : (i % 3 == 1) ? "garden" : "kitchen",
					BigDecimal.valueOf(1000 + (i * 37L) % 9000, 2), (i * 13) % 500,
					List.of("tag-" + (i % 7), "tag-" + (i % 11), "bench")));
		}
		this.products = List.copyOf(all);
	}

	/** The small JSON read; {@code null} when there is no such product. */
	public Product product(long id) {
		if (id < 1 || id > this.products.size()) {
			return null;
		}
		return this.products.get((int) id - 1);
	}

	/** Places an already validated order. */
	public OrderConfirmation placeOrder(CreateOrderRequest order) {
		BigDecimal total = BigDecimal.ZERO;
		int units = 0;
		for (OrderLine line : order.lines()) {
			units += line.quantity();
			int index = Math.floorMod(line.sku().hashCode(), this.products.size());
			total = total.add(this.products.get(index).price().multiply(BigDecimal.valueOf(line.quantity())));
		}
		String id = "ORD-" + this.orders.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 8);
		return new OrderConfirmation(id, order.customerId(), order.lines().size(), units, total);
	}

	/** The first {@code size} products (at most {@link #CATALOG_SIZE}). */
	public Catalog catalog(int size) {
		int count = Math.max(0, Math.min(size, this.products.size()));
		return new Catalog(count, this.products.subList(0, count));
	}

}
