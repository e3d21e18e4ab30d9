package io.github.mcpstarter.sample.reports;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.github.mcpstarter.McpTool;
import io.github.mcpstarter.ToolProgress;
import io.github.mcpstarter.sample.products.Category;
import io.github.mcpstarter.sample.products.Product;
import io.github.mcpstarter.sample.products.ProductRepository;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Reports that take a while: the one place in the sample that shows a long tool reporting
 * progress and honouring cancellation.
 *
 * <p>The {@link ToolProgress} parameter is not a tool argument; called as plain REST, the
 * endpoint works the same and its reports go nowhere.
 */
@RestController
@RequestMapping("/api/reports")
public class ReportController {

	private final ProductRepository products;

	public ReportController(ProductRepository products) {
		this.products = products;
	}

	@McpTool(description = "Values the stock on hand per category at catalog prices. Slow: it audits one product "
			+ "at a time (auditMillis per product), reporting progress as it goes.", scopes = "inventory.read")
	@GetMapping("/inventory-valuation")
	public InventoryReport inventoryValuation(
			@RequestParam(defaultValue = "50") @Min(0) @Max(2000) long auditMillis, ToolProgress progress)
			throws InterruptedException {
		List<Product> catalog = this.products.findAll();
		Map<Category, long[]> units = new TreeMap<>();
		Map<Category, BigDecimal> values = new TreeMap<>();
		for (int i = 0; i < catalog.size(); i++) {
			if (progress.isCancelled()) {
				// The client gave up on the call: stop counting; what is returned now is dropped.
				break;
			}
			Product product = catalog.get(i);
			progress.report(i, catalog.size(), "Auditing " + product.sku());
			// Stands for a slow stock count.
			Thread.sleep(auditMillis);
			units.computeIfAbsent(product.category(), (category) -> new long[1])[0] += product.stock();
			values.merge(product.category(), product.price().multiply(BigDecimal.valueOf(product.stock())),
					BigDecimal::add);
		}
		progress.report(catalog.size(), catalog.size(), "Done");
		List<InventoryReport.Line> lines = new ArrayList<>();
		long totalUnits = 0;
		BigDecimal totalValue = BigDecimal.ZERO;
		for (Map.Entry<Category, long[]> entry : units.entrySet()) {
			BigDecimal value = values.get(entry.getKey());
			lines.add(new InventoryReport.Line(entry.getKey().name(), entry.getValue()[0], value));
			totalUnits += entry.getValue()[0];
			totalValue = totalValue.add(value);
		}
		return new InventoryReport(lines, totalUnits, totalValue);
	}

}
