package io.github.mcpstarter.sample.config;

import java.util.List;

/**
 * The OAuth2 scopes of the sample, one place for the URL rules, the embedded authorization
 * server and the protected resource metadata.
 *
 * <ul>
 * <li>{@value #ORDERS_READ}: read orders and the catalog ({@code list_orders}, {@code get_order},
 * {@code list_products}, {@code get_product}, {@code search_products}).</li>
 * <li>{@value #ORDERS_WRITE}: place, move, ship and cancel orders ({@code create_order},
 * {@code update_order_status}, {@code ship_order}, {@code cancel_order}).</li>
 * <li>{@value #INVENTORY_READ}: the inventory reports ({@code inventory_valuation}).</li>
 * <li>{@value #INVENTORY_WRITE} (restocking) and {@value #ADMIN} (back-office figures): staff only.
 * No client gets them by default, and dynamically registered clients cannot ask for them.</li>
 * </ul>
 *
 * <p>A Bearer JWT's {@code scope} claim becomes authorities named {@code SCOPE_<scope>}.
 */
public final class SampleScopes {

	public static final String ORDERS_READ = "orders.read";

	public static final String ORDERS_WRITE = "orders.write";

	public static final String INVENTORY_READ = "inventory.read";

	public static final String INVENTORY_WRITE = "inventory.write";

	public static final String ADMIN = "admin";

	/**
	 * The scopes offered to MCP clients: what the demo client holds, what dynamically registered
	 * clients may register, and what the protected resource metadata advertises.
	 */
	public static final List<String> OFFERED = List.of(ORDERS_READ, ORDERS_WRITE, INVENTORY_READ);

	private SampleScopes() {
	}

	/** The authority that a token granting {@code scope} carries. */
	public static String authority(String scope) {
		return "SCOPE_" + scope;
	}

}
