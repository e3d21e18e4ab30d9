package bench.driver;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns the load results (one TSV row per cell and repeat) into Markdown: per operation and
 * concurrency, each target's median requests per second, p50 and p99 over the repeats, their
 * spread (min-max), and each median's ratio to the REST call's.
 */
final class Report {

	private Report() {
	}

	/** The target every ratio is taken against. */
	static final String BASELINE = "rest";

	/** Our Streamable HTTP target with sessions, compared with Spring AI's. */
	static final String OURS = "mcp-session";

	static final String PEER = "springai-session";

	record Row(int rep, String op, int concurrency, String target, long requests, long errors, double rps, double p50,
			double p99, double serverCpu, double driverCpu) {
	}

	static void write(Path in, Path out) throws Exception {
		List<Row> rows = new ArrayList<>();
		for (String line : Files.readAllLines(in)) {
			if (line.isBlank() || line.startsWith("rep\t")) {
				continue;
			}
			String[] f = line.split("\t");
			rows.add(new Row(Integer.parseInt(f[0]), f[1], Integer.parseInt(f[2]), f[3], Long.parseLong(f[4]),
					Long.parseLong(f[5]), Double.parseDouble(f[7]), Double.parseDouble(f[8]), Double.parseDouble(f[9]),
					(f.length > 10) ? Double.parseDouble(f[10]) : Double.NaN,
					(f.length > 11) ? Double.parseDouble(f[11]) : Double.NaN));
		}
		// op -> concurrency -> target -> rows, in the order first seen
		Map<String, Map<Integer, Map<String, List<Row>>>> cells = new LinkedHashMap<>();
		for (Row row : rows) {
			cells.computeIfAbsent(row.op(), (k) -> new LinkedHashMap<>())
				.computeIfAbsent(row.concurrency(), (k) -> new LinkedHashMap<>())
				.computeIfAbsent(row.target(), (k) -> new ArrayList<>())
				.add(row);
		}
		StringBuilder md = new StringBuilder();
		for (var byOp : cells.entrySet()) {
			md.append("\n#### ").append(title(byOp.getKey())).append("\n\n");
			md.append("| Concurrency | Variant | req/s (median) | req/s spread | × REST | p50 ms | p50 spread | p99 ms | p99 spread | p99 − REST p99 | errors | repeats |\n");
			md.append("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
			for (var byLevel : byOp.getValue().entrySet()) {
				List<Row> baseline = byLevel.getValue().get(BASELINE);
				double baseRps = (baseline != null) ? median(baseline, 0) : Double.NaN;
				double baseP99 = (baseline != null) ? median(baseline, 2) : Double.NaN;
				for (var byTarget : byLevel.getValue().entrySet()) {
					List<Row> r = byTarget.getValue();
					double rps = median(r, 0);
					double p50 = median(r, 1);
					double p99 = median(r, 2);
					long errors = r.stream().mapToLong(Row::errors).sum();
					md.append(String.format(Locale.ROOT,
							"| %d | %s | %.0f | %.0f–%.0f | %.2f | %.2f | %.2f–%.2f | %.2f | %.2f–%.2f | %+.2f ms | %d | %d |%n",
							byLevel.getKey(), label(byTarget.getKey()), rps, min(r, 0), max(r, 0), rps / baseRps,
							p50 / 1000, min(r, 1) / 1000, max(r, 1) / 1000, p99 / 1000, min(r, 2) / 1000,
							max(r, 2) / 1000, (p99 - baseP99) / 1000, errors, r.size()));
				}
			}
			md.append('\n');
			appendCpu(md, byOp.getValue());
			for (var byLevel : byOp.getValue().entrySet()) {
				List<Row> ours = byLevel.getValue().get(OURS);
				List<Row> peer = byLevel.getValue().get(PEER);
				if (ours != null && peer != null) {
					md.append(String.format(Locale.ROOT,
							"- %d concurrent: ours (session) / Spring AI (session) throughput **%.2f×**, p99 %.2f ms vs %.2f ms%n",
							byLevel.getKey(), median(ours, 0) / median(peer, 0), median(ours, 2) / 1000,
							median(peer, 2) / 1000));
				}
				List<Row> oursStateless = byLevel.getValue().get("mcp-stateless");
				List<Row> peerStateless = byLevel.getValue().get("springai-stateless");
				if (oursStateless != null && peerStateless != null) {
					md.append(String.format(Locale.ROOT,
							"- %d concurrent: ours (stateless) / Spring AI (stateless) throughput **%.2f×**, p99 %.2f ms vs %.2f ms%n",
							byLevel.getKey(), median(oursStateless, 0) / median(peerStateless, 0),
							median(oursStateless, 2) / 1000, median(peerStateless, 2) / 1000));
				}
			}
		}
		Files.writeString(out, md.toString());
	}

	/**
	 * The CPU each call cost the server and the driver, when measured: what throughput alone hides
	 * when both share the machine's cores (a heavier request or answer costs the driver more too).
	 */
	private static void appendCpu(StringBuilder md, Map<Integer, Map<String, List<Row>>> byLevels) {
		boolean measured = byLevels.values().stream()
			.flatMap((byTarget) -> byTarget.values().stream())
			.flatMap(List::stream)
			.anyMatch((row) -> !Double.isNaN(row.serverCpu()));
		if (!measured) {
			return;
		}
		md.append("CPU time per call while measured (all threads, user and system; medians of the repeats). ")
			.append("REST's server CPU ÷ the target's is what the throughput ratio would be if the server had ")
			.append("the cores to itself.\n\n");
		md.append("| Concurrency | Variant | server CPU µs/call | spread | REST ÷ this (server CPU) | driver CPU µs/call |\n");
		md.append("|---:|---|---:|---:|---:|---:|\n");
		for (var byLevel : byLevels.entrySet()) {
			List<Row> baseline = byLevel.getValue().get(BASELINE);
			double baseCpu = (baseline != null) ? median(baseline, 3) : Double.NaN;
			for (var byTarget : byLevel.getValue().entrySet()) {
				List<Row> r = byTarget.getValue();
				double cpu = median(r, 3);
				if (Double.isNaN(cpu)) {
					continue;
				}
				md.append(String.format(Locale.ROOT, "| %d | %s | %.1f | %.1f–%.1f | %.2f | %.1f |%n", byLevel.getKey(),
						label(byTarget.getKey()), cpu, min(r, 3), max(r, 3), baseCpu / cpu, median(r, 4)));
			}
		}
		md.append('\n');
	}

	static String title(String op) {
		return switch (op) {
			case "product" -> "Small JSON read (`GET /api/products/{id}`, tool `get_product`, ~200 B)";
			case "order" -> "Validated nested POST (`POST /api/orders`, tool `place_order`, 5 lines)";
			case "catalog" -> "50 KB response (`GET /api/catalog?size=320`, tool `catalog`)";
			default -> op;
		};
	}

	static String label(String target) {
		return switch (target) {
			case "rest" -> "(a) REST, same JWT";
			case "mcp-session" -> "(b) MCP Streamable HTTP, session";
			case "mcp-stateless" -> "(b) MCP Streamable HTTP, stateless";
			case "mcp-modern" -> "(b) MCP 2026-07-28 (stateless era), same endpoint";
			case "sse" -> "(c) MCP legacy SSE";
			case "springai-session" -> "(d) Spring AI 2.0.1 Streamable HTTP";
			case "springai-stateless" -> "(d) Spring AI 2.0.1 stateless";
			case "springai-sse" -> "(d) Spring AI 2.0.1 legacy SSE";
			default -> target;
		};
	}

	private static double value(Row row, int which) {
		return switch (which) {
			case 0 -> row.rps();
			case 1 -> row.p50();
			case 2 -> row.p99();
			case 3 -> row.serverCpu();
			default -> row.driverCpu();
		};
	}

	static double median(List<Row> rows, int which) {
		double[] values = rows.stream().mapToDouble((r) -> value(r, which)).sorted().toArray();
		int n = values.length;
		return (n % 2 == 1) ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
	}

	private static double min(List<Row> rows, int which) {
		return rows.stream().mapToDouble((r) -> value(r, which)).min().orElse(Double.NaN);
	}

	private static double max(List<Row> rows, int which) {
		return rows.stream().mapToDouble((r) -> value(r, which)).max().orElse(Double.NaN);
	}

}
