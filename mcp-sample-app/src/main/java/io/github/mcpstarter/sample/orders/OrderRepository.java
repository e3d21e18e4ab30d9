package io.github.mcpstarter.sample.orders;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.stereotype.Repository;

/**
 * Orders, kept in memory, with ids from a counter.
 *
 * <p>Saving an order with an explicit id (the seed data does) moves the counter past it, so the
 * next new order never reuses an id.
 */
@Repository
public class OrderRepository {

	private static final Comparator<Order> NEWEST_FIRST = Comparator.comparingLong(Order::id).reversed();

	private final Map<Long, Order> orders = new ConcurrentHashMap<>();

	private final AtomicLong lastId = new AtomicLong();

	/** Reserves the id for a new order. */
	public long nextId() {
		return this.lastId.incrementAndGet();
	}

	/** Every order, newest (highest id) first. */
	public List<Order> findAll() {
		return this.orders.values().stream().sorted(NEWEST_FIRST).toList();
	}

	public Optional<Order> findById(long id) {
		return Optional.ofNullable(this.orders.get(id));
	}

	/** Inserts the order or replaces the one with the same id. */
	public Order save(Order order) {
		this.orders.put(order.id(), order);
		this.lastId.accumulateAndGet(order.id(), Math::max);
		return order;
	}

	public long count() {
		return this.orders.size();
	}

	/** Removes every order and restarts ids at 1. */
	public void deleteAll() {
		this.orders.clear();
		this.lastId.set(0);
	}

}
