package io.github.mcpstarter.sample.seed;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import io.github.mcpstarter.sample.orders.Order;
import io.github.mcpstarter.sample.orders.OrderLine;
import io.github.mcpstarter.sample.orders.OrderRepository;
import io.github.mcpstarter.sample.orders.OrderStatus;
import io.github.mcpstarter.sample.orders.ShippingAddress;
import io.github.mcpstarter.sample.products.Category;
import io.github.mcpstarter.sample.products.Product;
import io.github.mcpstarter.sample.products.ProductRepository;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * The data the application starts with, all in one place so that tests can rely on it.
 *
 * <p>Loaded once every singleton exists and before the web server accepts requests. Tests that
 * change data can call {@link #reset()} to start again from exactly this state.
 *
 * <p>Products (prices in EUR):
 * <table>
 * <caption>Seeded products</caption>
 * <tr><th>SKU</th><th>Name</th><th>Category</th><th>Price</th><th>Stock</th></tr>
 * <tr><td>SKU-1001</td><td>Café crème mug</td><td>KITCHEN</td><td>12.50</td><td>40</td></tr>
 * <tr><td>SKU-1002</td><td>Grüner Tee, 100 g</td><td>GROCERY</td><td>8.90</td><td>120</td></tr>
 * <tr><td>SKU-1003</td><td>Chef's knife, 20 cm</td><td>KITCHEN</td><td>79.00</td><td>15</td></tr>
 * <tr><td>SKU-1004</td><td>Noise-cancelling headphones</td><td>ELECTRONICS</td><td>199.00</td><td>7</td></tr>
 * <tr><td>SKU-1005</td><td>USB-C charger, 65 W</td><td>ELECTRONICS</td><td>39.90</td><td>0</td></tr>
 * <tr><td>SKU-1006</td><td>Smørrebrød cookbook</td><td>BOOKS</td><td>24.00</td><td>25</td></tr>
 * <tr><td>SKU-1007</td><td>Merino hiking socks</td><td>APPAREL</td><td>14.95</td><td>60</td></tr>
 * <tr><td>SKU-1008</td><td>Crêpe pan, 24 cm</td><td>KITCHEN</td><td>34.50</td><td>3</td></tr>
 * </table>
 *
 * <p>Orders (their stock is already accounted for: the stock above is what is left):
 * <table>
 * <caption>Seeded orders</caption>
 * <tr><th>Id</th><th>Status</th><th>Customer</th><th>Lines</th><th>Total</th><th>Created</th></tr>
 * <tr><td>1</td><td>NEW</td><td>ada@example.com</td><td>2 x SKU-1001, 1 x SKU-1002</td><td>33.90</td>
 * <td>2025-01-10T09:15:00Z</td></tr>
 * <tr><td>2</td><td>PAID</td><td>grace@example.com</td><td>1 x SKU-1004</td><td>199.00</td>
 * <td>2025-01-11T14:30:00Z</td></tr>
 * <tr><td>3</td><td>SHIPPED</td><td>jurgen@example.com</td><td>1 x SKU-1006, 3 x SKU-1007</td><td>68.85</td>
 * <td>2025-01-12T08:00:00Z</td></tr>
 * </table>
 * The next order created gets id 4.
 */
@Component
public class SeedData implements SmartInitializingSingleton {

	/** The seeded products, in SKU order. */
	public static final List<Product> PRODUCTS = List.of(
			product("SKU-1001", "Café crème mug", "Stoneware mug of 350 ml for coffee, café crème or tea.",
					Category.KITCHEN, "12.50", 40),
			product("SKU-1002", "Grüner Tee, 100 g", "Loose-leaf organic green tea from Japan.", Category.GROCERY,
					"8.90", 120),
			product("SKU-1003", "Chef's knife, 20 cm", "Forged stainless steel kitchen knife for everyday cooking.",
					Category.KITCHEN, "79.00", 15),
			product("SKU-1004", "Noise-cancelling headphones",
					"Wireless over-ear headphones with 30 hours of battery life.", Category.ELECTRONICS, "199.00", 7),
			product("SKU-1005", "USB-C charger, 65 W", "Compact wall charger for laptops and phones.",
					Category.ELECTRONICS, "39.90", 0),
			product("SKU-1006", "Smørrebrød cookbook", "Danish open sandwiches, 80 recipes with photos.",
					Category.BOOKS, "24.00", 25),
			product("SKU-1007", "Merino hiking socks", "Cushioned wool socks for long walks, one pair.",
					Category.APPAREL, "14.95", 60),
			product("SKU-1008", "Crêpe pan, 24 cm", "Cast iron pan for crêpes and pancakes.", Category.KITCHEN,
					"34.50", 3));

	/** The seeded orders, in id order. */
	public static final List<Order> ORDERS = List.of(
			Order.of(1, "ada@example.com", List.of(line("SKU-1001", 2), line("SKU-1002", 1)),
					new ShippingAddress("12 Analytical Row", "London", "NW1 6XE", "GB"), OrderStatus.NEW,
					Instant.parse("2025-01-10T09:15:00Z"), "Please gift-wrap the mug."),
			Order.of(2, "grace@example.com", List.of(line("SKU-1004", 1)),
					new ShippingAddress("1 Compiler Way", "Arlington", "22201", "US"), OrderStatus.PAID,
					Instant.parse("2025-01-11T14:30:00Z"), null),
			Order.of(3, "jurgen@example.com", List.of(line("SKU-1006", 1), line("SKU-1007", 3)),
					new ShippingAddress("Königstraße 1", "München", "80331", "DE"), OrderStatus.SHIPPED,
					Instant.parse("2025-01-12T08:00:00Z"), null));

	private final ProductRepository products;

	private final OrderRepository orders;

	public SeedData(ProductRepository products, OrderRepository orders) {
		this.products = products;
		this.orders = orders;
	}

	@Override
	public void afterSingletonsInstantiated() {
		reset();
	}

	/** Replaces all products and orders with the seed data; the next new order gets id 4 again. */
	public synchronized void reset() {
		this.orders.deleteAll();
		this.products.deleteAll();
		PRODUCTS.forEach(this.products::save);
		ORDERS.forEach(this.orders::save);
	}

	private static Product product(String sku, String name, String description, Category category, String price,
			int stock) {
		return new Product(sku, name, description, category, new BigDecimal(price), stock);
	}

	private static OrderLine line(String sku, int quantity) {
		Product product = PRODUCTS.stream()
			.filter((candidate) -> candidate.sku().equals(sku))
			.findFirst()
			.orElseThrow();
		return OrderLine.of(sku, product.name(), quantity, product.price());
	}

}
