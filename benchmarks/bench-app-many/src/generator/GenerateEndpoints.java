import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes controllers of ten annotated handler methods each, as many as make the requested number
 * of endpoints: reads with path variables and query parameters, validated POSTs, list pages.
 * Run by the build (exec-maven-plugin) as a single-file program: GenerateEndpoints OUT_DIR COUNT.
 */
public class GenerateEndpoints {

	public static void main(String[] args) throws IOException {
		Path dir = Path.of(args[0], "bench", "many", "generated");
		int count = Integer.parseInt(args[1]);
		Files.createDirectories(dir);
		int controllers = (count + 9) / 10;
		for (int c = 0; c < controllers; c++) {
			String name = String.format("Generated%03dController", c);
			String prefix = String.format("c%03d", c);
			StringBuilder java = new StringBuilder();
			java.append("package bench.many.generated;\n\n")
				.append("import jakarta.validation.Valid;\n")
				.append("import org.springframework.web.bind.annotation.*;\n")
				.append("import bench.logic.*;\n")
				.append("import io.github.mcpstarter.McpTool;\n\n")
				.append("@RestController\n@RequestMapping(\"/gen/").append(prefix).append("\")\n@McpTool\n")
				.append("public class ").append(name).append(" {\n\n")
				.append("\tprivate final BenchService service;\n\n")
				.append("\tpublic ").append(name).append("(BenchService service) {\n\t\tthis.service = service;\n\t}\n");
			for (int m = 0; m < 10 && c * 10 + m < count; m++) {
				String method = prefix + "Op" + m;
				java.append('\n');
				switch (m % 3) {
					case 0 -> java.append("\t@McpTool(description = \"Reads product ").append(m).append(" of ").append(prefix).append(".\")\n")
						.append("\t@GetMapping(\"/products").append(m).append("/{id}\")\n")
						.append("\tpublic Product ").append(method).append("(@PathVariable long id, @RequestParam(required = false) String view) {\n")
						.append("\t\treturn this.service.product(id);\n\t}\n");
					case 1 -> java.append("\t@PostMapping(\"/orders").append(m).append("\")\n")
						.append("\tpublic OrderConfirmation ").append(method).append("(@Valid @RequestBody CreateOrderRequest order) {\n")
						.append("\t\treturn this.service.placeOrder(order);\n\t}\n");
					default -> java.append("\t@GetMapping(\"/catalog").append(m).append("\")\n")
						.append("\tpublic Catalog ").append(method).append("(@RequestParam(defaultValue = \"10\") int size) {\n")
						.append("\t\treturn this.service.catalog(size);\n\t}\n");
				}
			}
			java.append("\n}\n");
			Files.writeString(dir.resolve(name + ".java"), java.toString());
		}
	}

}
