package io.github.mcpstarter.sample.orders;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.mcpstarter.sample.common.Page;
import io.github.mcpstarter.sample.products.InsufficientStockException;
import io.github.mcpstarter.sample.products.Product;
import io.github.mcpstarter.sample.products.ProductService;
import io.github.mcpstarter.sample.products.UnknownProductException;

import org.springframework.stereotype.Service;

/**
 * Placing orders and moving them through their life.
 *
 * <p>Orders hold stock: placing one reserves its units, cancelling one gives them back. Changes
 * are {@code synchronized}, so a status check and the change it allows cannot interleave with
 * another request's.
 */
@Service
public class OrderService {

	private final OrderRepository orders;

	private final ProductService products;

	private final Clock clock;

	public OrderService(OrderRepository orders, ProductService products, Clock clock) {
		this.orders = orders;
		this.products = products;
		this.clock = clock;
	}

	/**
	 * Lists orders, newest first.
	 * @param page the zero-based page number
	 * @param size the page size
	 * @param status only orders in this status, or all when {@code null}
	 * @param customerEmail only this customer's orders (ignoring case), or all when {@code null}
	 * @return the requested page
	 */
	public Page<Order> list(int page, int size, OrderStatus status, String customerEmail) {
		List<Order> matching = this.orders.findAll()
			.stream()
			.filter((order) -> status == null || order.status() == status)
			.filter((order) -> customerEmail == null || order.customerEmail().equalsIgnoreCase(customerEmail))
			.toList();
		return Page.of(matching, page, size);
	}

	/**
	 * The ids of the orders whose id starts with the given digits, newest first: what a client
	 * suggests while its user types an order id.
	 * @param prefix the digits typed so far (none: every order)
	 * @return at most 100 ids
	 */
	public List<String> idsStartingWith(String prefix) {
		return this.orders.findAll()
			.stream()
			.map((order) -> Long.toString(order.id()))
			.filter((id) -> id.startsWith(prefix.strip()))
			.sorted(java.util.Comparator.comparingLong((String id) -> Long.parseLong(id)).reversed())
			.limit(100)
			.toList();
	}

	/**
	 * Returns the order with the given id.
	 * @throws OrderNotFoundException when there is none
	 */
	public Order get(long id) {
		return this.orders.findById(id).orElseThrow(() -> new OrderNotFoundException(id));
	}

	/**
	 * Places a {@link OrderStatus#NEW NEW} order at catalog prices and reserves its stock.
	 * @throws UnknownProductException when a SKU is not in the catalog
	 * @throws InsufficientStockException when a product has too few units
	 */
	public synchronized Order create(CreateOrderRequest request) {
		Map<String, Product> catalog = this.products.reserve(quantities(request.lines()));
		List<OrderLine> lines = request.lines().stream().map((line) -> {
			Product product = catalog.get(line.sku());
			return OrderLine.of(product.sku(), product.name(), line.quantity(), product.price());
		}).toList();
		Order order = Order.of(this.orders.nextId(), request.customerEmail(), lines, request.shippingAddress(),
				OrderStatus.NEW, this.clock.instant(), request.note());
		return this.orders.save(order);
	}

	/**
	 * Moves an order to another status. Asking for the status it already has changes nothing;
	 * cancelling returns the stock.
	 * @throws OrderNotFoundException when there is no such order
	 * @throws InvalidStatusTransitionException when {@link OrderStatus#canBecome} forbids the move
	 */
	public synchronized Order updateStatus(long id, OrderStatus status) {
		Order order = get(id);
		if (order.status() == status) {
			return order;
		}
		if (!order.status().canBecome(status)) {
			throw new InvalidStatusTransitionException(id, order.status(), status);
		}
		if (status == OrderStatus.CANCELLED) {
			this.products.release(quantities(order));
		}
		return this.orders.save(order.withStatus(status));
	}

	/**
	 * Cancels an order that has not shipped and returns its stock. Cancelling a cancelled order
	 * changes nothing.
	 * @throws OrderNotFoundException when there is no such order
	 * @throws OrderNotCancellableException when the order has shipped or been delivered
	 */
	public synchronized Order cancel(long id) {
		Order order = get(id);
		if (order.status() == OrderStatus.CANCELLED) {
			return order;
		}
		if (!order.status().canBecome(OrderStatus.CANCELLED)) {
			throw new OrderNotCancellableException(id, order.status());
		}
		this.products.release(quantities(order));
		return this.orders.save(order.withStatus(OrderStatus.CANCELLED));
	}

	/**
	 * Replaces the note of an order.
	 * @throws OrderNotFoundException when there is no such order
	 */
	public synchronized Order setNote(long id, String note) {
		return this.orders.save(get(id).withNote(note));
	}

	/**
	 * Ships a paid order.
	 * @throws OrderNotFoundException when there is no such order
	 * @throws OrderNotShippableException when the order is not {@link OrderStatus#PAID PAID}
	 */
	public synchronized Order ship(long id) {
		Order order = get(id);
		if (order.status() != OrderStatus.PAID) {
			throw new OrderNotShippableException(id, order.status());
		}
		return this.orders.save(order.withStatus(OrderStatus.SHIPPED));
	}

	/** Units per SKU, summed as {@code long} so that repeated lines cannot overflow. */
	private static Map<String, Long> quantities(List<OrderLineRequest> lines) {
		Map<String, Long> quantities = new LinkedHashMap<>();
		lines.forEach((line) -> quantities.merge(line.sku(), (long) line.quantity(), Long::sum));
		return quantities;
	}

	private static Map<String, Long> quantities(Order order) {
		Map<String, Long> quantities = new LinkedHashMap<>();
		order.lines().forEach((line) -> quantities.merge(line.sku(), (long) line.quantity(), Long::sum));
		return quantities;
	}

}
