package io.github.mcpstarter.sample.products;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import io.github.mcpstarter.sample.common.Page;

import org.springframework.stereotype.Service;

/**
 * Catalog queries and stock keeping.
 *
 * <p>Stock changes are {@code synchronized}: an order reserves all of its lines or none, and two
 * orders must not both take the last unit. Reads need no lock, as products are immutable.
 */
@Service
public class ProductService {

	private static final Pattern DIACRITICS = Pattern.compile("\\p{M}+");

	private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");

	private final ProductRepository products;

	public ProductService(ProductRepository products) {
		this.products = products;
	}

	/**
	 * Lists products sorted by SKU.
	 * @param page the zero-based page number
	 * @param size the page size
	 * @param category only this category, or all when {@code null}
	 * @param inStock only products in stock ({@code true}) or out of stock ({@code false}), or
	 * all when {@code null}
	 * @return the requested page
	 */
	public Page<Product> list(int page, int size, Category category, Boolean inStock) {
		List<Product> matching = this.products.findAll()
			.stream()
			.filter((product) -> category == null || product.category() == category)
			.filter((product) -> inStock == null || (product.stock() > 0) == inStock)
			.toList();
		return Page.of(matching, page, size);
	}

	/**
	 * The SKUs that start with what was typed, ignoring case, in SKU order: what a client
	 * suggests while its user types a SKU.
	 * @param prefix what was typed so far (none: every SKU)
	 * @return at most 100 SKUs
	 */
	public List<String> skusStartingWith(String prefix) {
		String typed = prefix.strip().toUpperCase(java.util.Locale.ROOT);
		return this.products.findAll()
			.stream()
			.map(Product::sku)
			.filter((sku) -> sku.startsWith(typed))
			.sorted()
			.limit(100)
			.toList();
	}

	/**
	 * Returns the product with the given SKU.
	 * @throws ProductNotFoundException when there is none
	 */
	public Product get(String sku) {
		return this.products.findBySku(sku).orElseThrow(() -> new ProductNotFoundException(sku));
	}

	/**
	 * Finds the products whose name or description has a word starting with each word of the
	 * query, ignoring case and accents: {@code "cafe"} finds "Café crème mug", {@code "pan"}
	 * finds "Crêpe pan" and "pancakes" but not "Japan".
	 * @param query one or more words
	 * @param categories only these categories, or all when {@code null} or empty
	 * @param sort the order of the results
	 * @return the matching products
	 */
	public List<Product> search(String query, Collection<Category> categories, SortOrder sort) {
		List<String> words = words(query);
		return this.products.findAll()
			.stream()
			.filter((product) -> categories == null || categories.isEmpty()
					|| categories.contains(product.category()))
			.map((product) -> new Match(product, score(product, words)))
			.filter((match) -> match.score() > 0)
			.sorted(comparator(sort))
			.map(Match::product)
			.toList();
	}

	/**
	 * Adds delivered units to a product's stock.
	 * @throws ProductNotFoundException when there is no such product
	 */
	public synchronized Product restock(String sku, int quantity) {
		Product product = get(sku);
		return this.products.save(product.withStock(Math.addExact(product.stock(), quantity)));
	}

	/**
	 * Takes units out of stock for an order, all lines or none.
	 * @param quantities the units wanted, by SKU
	 * @return the products as they were before the reservation, by SKU, for names and prices
	 * @throws UnknownProductException when any SKU is not in the catalog
	 * @throws InsufficientStockException when any SKU has fewer units than wanted
	 */
	public synchronized Map<String, Product> reserve(Map<String, Long> quantities) {
		Map<String, Product> found = new LinkedHashMap<>();
		List<String> unknown = new ArrayList<>();
		for (String sku : quantities.keySet()) {
			this.products.findBySku(sku).ifPresentOrElse((product) -> found.put(sku, product), () -> unknown.add(sku));
		}
		if (!unknown.isEmpty()) {
			throw new UnknownProductException(unknown);
		}
		quantities.forEach((sku, quantity) -> {
			Product product = found.get(sku);
			if (quantity > product.stock()) {
				throw new InsufficientStockException(sku, quantity, product.stock());
			}
		});
		quantities.forEach((sku, quantity) -> {
			Product product = found.get(sku);
			this.products.save(product.withStock(product.stock() - quantity.intValue()));
		});
		return found;
	}

	/**
	 * Puts the units of a cancelled order back into stock. Products removed from the catalog in
	 * the meantime are skipped.
	 * @param quantities the units to return, by SKU
	 */
	public synchronized void release(Map<String, Long> quantities) {
		quantities.forEach((sku, quantity) -> this.products.findBySku(sku)
			.ifPresent((product) -> this.products
				.save(product.withStock(Math.toIntExact(product.stock() + quantity)))));
	}

	private static int score(Product product, List<String> words) {
		if (words.isEmpty()) {
			return 0;
		}
		List<String> name = words(product.name());
		List<String> description = words(product.description());
		int score = 0;
		for (String word : words) {
			if (name.stream().anyMatch((candidate) -> candidate.startsWith(word))) {
				score += 2;
			}
			else if (description.stream().anyMatch((candidate) -> candidate.startsWith(word))) {
				score += 1;
			}
			else {
				return 0;
			}
		}
		return score;
	}

	private static Comparator<Match> comparator(SortOrder sort) {
		Comparator<Match> order = switch (sort) {
			case RELEVANCE -> Comparator.comparingInt(Match::score).reversed();
			case PRICE_ASC -> Comparator.comparing((Match match) -> match.product().price());
			case PRICE_DESC -> Comparator.comparing((Match match) -> match.product().price()).reversed();
			case NAME -> Comparator.comparing((Match match) -> fold(match.product().name()));
		};
		return order.thenComparing((match) -> match.product().sku());
	}

	/** The words of a text, folded for matching. */
	private static List<String> words(String text) {
		return NON_WORD.splitAsStream(fold(text)).filter((word) -> !word.isEmpty()).toList();
	}

	/** Lower case without accents, for matching and sorting that forgive "Gruner" for "Grüner". */
	private static String fold(String text) {
		String decomposed = Normalizer.normalize(text, Normalizer.Form.NFD);
		return DIACRITICS.matcher(decomposed).replaceAll("").toLowerCase(Locale.ROOT).strip();
	}

	private record Match(Product product, int score) {
	}

}
