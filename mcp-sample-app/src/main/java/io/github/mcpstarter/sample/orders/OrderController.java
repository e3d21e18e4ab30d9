package io.github.mcpstarter.sample.orders;

import java.net.URI;
import java.util.List;

import io.github.mcpstarter.ClientInput;
import io.github.mcpstarter.Elicitation;
import io.github.mcpstarter.InputForm;
import io.github.mcpstarter.McpCompletion;
import io.github.mcpstarter.McpPrompt;
import io.github.mcpstarter.McpResource;
import io.github.mcpstarter.McpTool;
import io.github.mcpstarter.McpTool.Hint;
import io.github.mcpstarter.sample.common.Page;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Customer orders.
 *
 * <p>Shows method-level publishing: only the methods annotated with {@code @McpTool} are tools,
 * each with a description written for an AI agent. {@code getOrder} is also the resource template
 * {@code orders://{id}} ({@code @McpResource}); two text endpoints are prompts ({@code @McpPrompt});
 * and the ids a client suggests for an order come from an ordinary endpoint ({@code @McpCompletion}).
 *
 * <p>Two tools involve the user of an MCP client: {@code cancel_order} runs only once the user has
 * confirmed it ({@code mcp.server.tools.confirm-destructive} in {@code application.yml}), and
 * {@code set_order_note} asks the user for the note when the call carries none ({@link ClientInput}).
 *
 * <p>Reading needs the {@code orders.read} scope, writing {@code orders.write}: the URL rules of
 * {@code SecurityConfiguration} say so for every endpoint. Most methods say it once more with
 * {@code @PreAuthorize}, which holds however the method is reached and tells the starter the
 * scopes of their tools; {@code updateOrderStatus} and {@code shipOrder} rely on the URL rules alone.
 */
@RestController
@RequestMapping("/api/orders")
public class OrderController {

	private final OrderService orders;

	public OrderController(OrderService orders) {
		this.orders = orders;
	}

	@McpTool(description = "Lists orders page by page, newest first, optionally only those in one status "
			+ "and only those of one customer email address.")
	@GetMapping
	@PreAuthorize("hasAuthority('SCOPE_orders.read')")
	public Page<Order> listOrders(@RequestParam(defaultValue = "0") @Min(0) int page,
			@RequestParam(defaultValue = "20") @Min(1) @Max(100) int size,
			@RequestParam(required = false) OrderStatus status,
			@RequestParam(required = false) @Email String customerEmail) {
		return this.orders.list(page, size, status, customerEmail);
	}

	@McpTool(description = "Returns one order by its numeric id, with its lines, shipping address, status, "
			+ "total in EUR and creation time. Fails with 404 when there is no such order.")
	@McpResource(uri = "orders://{id}", name = "order", title = "Order",
			description = "One order as JSON: its lines, shipping address, status, total in EUR and creation time.")
	@GetMapping("/{id}")
	@PreAuthorize("hasAuthority('SCOPE_orders.read')")
	public Order getOrder(@PathVariable @McpCompletion("/api/orders/ids") long id) {
		return this.orders.get(id);
	}

	/**
	 * Order ids that start with what was typed, newest first. An ordinary endpoint, not a tool:
	 * MCP clients get its answers as suggestions for the order id of the {@code orders://{id}}
	 * template and of the prompts ({@code @McpCompletion}).
	 */
	@GetMapping("/ids")
	@PreAuthorize("hasAuthority('SCOPE_orders.read')")
	public List<String> orderIds(@RequestParam(defaultValue = "") String prefix) {
		return this.orders.idsStartingWith(prefix);
	}

	@McpPrompt(name = "summarize_order", title = "Summarize an order",
			description = "Asks the model to write a short summary of one order for its customer: what was ordered, "
					+ "the total and where the order stands.")
	@GetMapping(path = "/{id}/summary-prompt", produces = MediaType.TEXT_PLAIN_VALUE)
	@PreAuthorize("hasAuthority('SCOPE_orders.read')")
	public String summarizeOrderPrompt(@PathVariable @McpCompletion("/api/orders/ids") long id) {
		Order order = this.orders.get(id);
		StringBuilder prompt = new StringBuilder("Write a short, friendly summary of order #").append(order.id())
			.append(" for its customer (").append(order.customerEmail()).append("). It is ").append(order.status())
			.append(", placed ").append(order.createdAt()).append(", total ").append(order.total()).append(" EUR, with these lines:\n");
		for (OrderLine line : order.lines()) {
			prompt.append("- ").append(line.quantity()).append(" x ").append(line.productName()).append(" (")
				.append(line.sku()).append("), ").append(line.lineTotal()).append(" EUR\n");
		}
		return prompt.append("Say what happens next for an order in status ").append(order.status()).append('.').toString();
	}

	@McpPrompt(name = "orders_in_status", title = "Report on orders in one status",
			description = "Asks the model to report on the orders in one status (NEW, PAID, SHIPPED, DELIVERED or "
					+ "CANCELLED): how many, their customers and totals, and anything unusual.")
	@GetMapping(path = "/status-report-prompt", produces = MediaType.TEXT_PLAIN_VALUE)
	@PreAuthorize("hasAuthority('SCOPE_orders.read')")
	public String ordersInStatusPrompt(@RequestParam OrderStatus status) {
		Page<Order> page = this.orders.list(0, 20, status, null);
		StringBuilder prompt = new StringBuilder("Report on the ").append(page.totalElements())
			.append(" orders in status ").append(status).append(" (the first ").append(page.content().size())
			.append(" below): how many there are, who ordered, the totals, and anything unusual.\n");
		for (Order order : page.content()) {
			prompt.append("- #").append(order.id()).append(' ').append(order.customerEmail()).append(", ")
				.append(order.total()).append(" EUR, placed ").append(order.createdAt()).append('\n');
		}
		return prompt.toString();
	}

	@McpTool(description = "Places a new order for a customer at catalog prices and reserves stock for every "
			+ "line; the order starts in status NEW. Fails with 422 when a SKU does not exist and with 409 "
			+ "when a product has too few units in stock.", destructive = Hint.FALSE)
	@PostMapping
	@PreAuthorize("hasAuthority('SCOPE_orders.write')")
	public ResponseEntity<Order> createOrder(@Valid @RequestBody CreateOrderRequest request) {
		Order order = this.orders.create(request);
		// The usual idiom works for tool calls too: they run as a real request to POST /api/orders.
		URI location = ServletUriComponentsBuilder.fromCurrentRequest()
			.path("/{id}")
			.buildAndExpand(order.id())
			.toUri();
		return ResponseEntity.created(location).body(order);
	}

	@McpTool(description = "Moves an order to another status along NEW -> PAID -> SHIPPED -> DELIVERED; NEW "
			+ "and PAID orders may also become CANCELLED, which returns their stock. Any other move fails "
			+ "with 409 and lists the allowed statuses.")
	@PutMapping("/{id}/status")
	public Order updateOrderStatus(@PathVariable long id, @Valid @RequestBody UpdateStatusRequest request) {
		return this.orders.updateStatus(id, request.status());
	}

	/** Cancels rather than erases: the order stays readable, in status CANCELLED. */
	@McpTool(description = "Cancels an order that is NEW or PAID and returns its reserved stock to inventory. "
			+ "Cancelling a cancelled order does nothing; shipped or delivered orders cannot be cancelled (409).")
	@DeleteMapping("/{id}")
	@PreAuthorize("hasAuthority('SCOPE_orders.write')")
	public ResponseEntity<Void> cancelOrder(@PathVariable long id) {
		this.orders.cancel(id);
		return ResponseEntity.noContent().build();
	}

	/**
	 * Asks for the note only when the call has none: an MCP client's user is asked with a form,
	 * while a plain REST call (or a client that cannot ask its user) gets {@link ClientInput#NONE},
	 * whose answer is {@code UNAVAILABLE}, and so a 400 like any request missing a value.
	 */
	@McpTool(description = "Sets the note of an order (a message for the warehouse, such as delivery "
			+ "instructions, at most 500 characters), replacing the one it had, and returns the updated order. "
			+ "Without a note, asks the user for one; fails with 400 when none is given and with 404 when there "
			+ "is no such order.")
	@PutMapping("/{id}/note")
	@PreAuthorize("hasAuthority('SCOPE_orders.write')")
	public Order setOrderNote(@PathVariable long id, @RequestParam(required = false) @Size(max = 500) String note,
			ClientInput input) {
		// 404 before bothering the user about an order that does not exist.
		this.orders.get(id);
		String text = note;
		if (text == null || text.isBlank()) {
			// In MCP 2026-07-28 this ends the call and the method runs again with the answer, so
			// nothing is changed before it.
			Elicitation answer = input.ask("What note should order #" + id + " carry for the warehouse?",
					InputForm.of(InputForm.text("note").title("Note").description("At most 500 characters").required()));
			if (!answer.isAccepted()) {
				throw new NoteRequiredException(id, (answer.action() == Elicitation.Action.UNAVAILABLE)
						? "the request has no note and nobody could be asked for one." : "the user gave none.");
			}
			text = answer.getString("note");
			// The answer is input like any argument: the same rules hold.
			if (text == null || text.isBlank() || text.length() > 500) {
				throw new NoteRequiredException(id, "the answer was not a note of 1 to 500 characters.");
			}
		}
		return this.orders.setNote(id, text);
	}

	@McpTool(description = "Ships a PAID order, moving it to status SHIPPED, and returns the updated order. "
			+ "Fails with 409 when the order is in any other status.")
	@PostMapping("/{id}/ship")
	public Order shipOrder(@PathVariable long id) {
		return this.orders.ship(id);
	}

}
