package bench.logic;

import java.math.BigDecimal;

/** What placing an order answers. */
public record OrderConfirmation(String orderId, String customerId, int lines, int units, BigDecimal total) {
}
