package bench.driver;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;

import bench.driver.Callers.Caller;
import bench.driver.Callers.Op;

/**
 * The load driver, a JVM of its own.
 *
 * <pre>
 * keygen DIR                         key pair for the servers and the tokens
 * token DIR BASE_URL                 prints a token for that server (for curl)
 * load --keys DIR --out FILE --warmup S --duration S --reps N --cells CELLS [--prewarm S] --target NAME=KIND@URL ...
 *      [--server-pid URL=PID ...] [--hook COMMAND]
 *                                    closed-loop load, appends one TSV row per cell and repeat; with a
 *                                    server's pid, also the CPU time that server and the driver spent
 *                                    per call while measured, and COMMAND (a profiler, say) is run with
 *                                    "start|stop TARGET OP CONCURRENCY REP PID" as each measured window
 *                                    opens and closes
 * idle-sse --keys DIR --url URL --counts 1000,10000 --signal DIR
 *                                    opens idle SSE streams in stages, waiting for the harness between them
 * report --in FILE --out FILE        the Markdown tables: medians, spread, ratios to REST
 * </pre>
 *
 * KIND is {@code rest}, {@code mcp} (Streamable HTTP, session if the server gives one, none when
 * stateless) or {@code sse}. CELLS is {@code product:1,16,64;order:16;catalog:16}.
 */
public final class Driver {

	private Driver() {
	}

	public static void main(String[] args) throws Exception {
		if (args.length == 0) {
			throw new IllegalArgumentException("usage: keygen|token|load|idle-sse|report ...");
		}
		Map<String, List<String>> options = options(args);
		switch (args[0]) {
			case "keygen" -> Jwts.generate(Path.of(args[1]));
			case "token" -> System.out.println(Jwts.token(Path.of(args[1]), args[2]));
			case "load" -> load(options);
			case "idle-sse" -> idleSse(options);
			case "report" -> Report.write(Path.of(one(options, "in")), Path.of(one(options, "out")));
			default -> throw new IllegalArgumentException("unknown command " + args[0]);
		}
	}

	private static Map<String, List<String>> options(String[] args) {
		Map<String, List<String>> options = new LinkedHashMap<>();
		for (int i = 1; i < args.length - 1; i++) {
			if (args[i].startsWith("--")) {
				options.computeIfAbsent(args[i].substring(2), (k) -> new ArrayList<>()).add(args[++i]);
			}
		}
		return options;
	}

	private static String one(Map<String, List<String>> options, String name) {
		List<String> values = options.get(name);
		if (values == null || values.isEmpty()) {
			throw new IllegalArgumentException("--" + name + " is required");
		}
		return values.get(0);
	}

	record Target(String name, String kind, String url) {

		static Target parse(String spec) {
			int eq = spec.indexOf('=');
			int at = spec.indexOf('@', eq);
			return new Target(spec.substring(0, eq), spec.substring(eq + 1, at), spec.substring(at + 1));
		}

		Caller open(HttpClient client, String token) throws Exception {
			return switch (this.kind) {
				case "rest" -> new Callers.Rest(client, this.url, token);
				case "mcp" -> new Callers.Streamable(client, this.url, token);
				case "modern" -> new Callers.Modern(client, this.url, token);
				case "sse" -> new Callers.Sse(client, this.url, token);
				default -> throw new IllegalArgumentException("unknown kind " + this.kind);
			};
		}

	}

	record Cell(Op op, int concurrency) {
	}

	private static List<Cell> cells(String spec) {
		List<Cell> cells = new ArrayList<>();
		for (String part : spec.split(";")) {
			String[] opAndLevels = part.split(":");
			Op op = Op.valueOf(opAndLevels[0].trim().toUpperCase(Locale.ROOT));
			for (String level : opAndLevels[1].split(",")) {
				cells.add(new Cell(op, Integer.parseInt(level.trim())));
			}
		}
		return cells;
	}

	/**
	 * Every cell (operation, concurrency) for every target, repeated; within one repeat the targets
	 * take turns on each cell, so that noise on the machine hits them all alike.
	 */
	private static void load(Map<String, List<String>> options) throws Exception {
		Path keys = Path.of(one(options, "keys"));
		Jwts.requireDir(keys);
		Path out = Path.of(one(options, "out"));
		double warmup = Double.parseDouble(one(options, "warmup"));
		// Seconds of the first pass, per target and operation: long enough for the JIT to settle on
		// a 2-core machine, where its compiler threads compete with the load.
		double prewarm = options.containsKey("prewarm") ? Double.parseDouble(one(options, "prewarm"))
				: Math.max(2, 2 * warmup);
		double duration = Double.parseDouble(one(options, "duration"));
		int reps = Integer.parseInt(one(options, "reps"));
		List<Cell> cells = cells(one(options, "cells"));
		List<Target> targets = options.get("target").stream().map(Target::parse).toList();
		Map<String, Long> serverPids = new LinkedHashMap<>();
		for (String spec : options.getOrDefault("server-pid", List.of())) {
			int eq = spec.lastIndexOf('=');
			serverPids.put(spec.substring(0, eq), Long.parseLong(spec.substring(eq + 1)));
		}
		// A token per server and worker: worker i of every cell calls as user i.
		Map<String, String> tokens = new java.util.concurrent.ConcurrentHashMap<>();
		Tokens tokensFor = (url, worker) -> tokens.computeIfAbsent(url + " " + worker, (key) -> {
			try {
				return Jwts.token(keys, url, "bench-user-" + worker);
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		});
		hook = options.containsKey("hook") ? one(options, "hook") : null;
		if (!Files.exists(out)) {
			Files.writeString(out, Result.HEADER + "\n");
		}
		HttpClient client = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Callers.TIMEOUT)
			.build();
		// A first pass that warms every server's and the driver's JIT on every path, so that no
		// target's first cell runs on colder code than the others'.
		System.err.println("warming up every target...");
		for (Target target : targets) {
			for (Op op : Op.values()) {
				run(client, target, tokensFor, new Cell(op, 8), prewarm, 0, 0, null);
			}
		}
		for (int rep = 1; rep <= reps; rep++) {
			for (Cell cell : cells) {
				List<Target> order = new ArrayList<>(targets);
				// Rotate who goes first in each repeat, so that none is always right after another.
				Collections.rotate(order, rep - 1);
				for (Target target : order) {
					Result result = run(client, target, tokensFor, cell, warmup, duration, rep,
							serverPids.get(target.url()));
					System.err.println(result.row());
					Files.writeString(out, result.row() + "\n", StandardOpenOption.APPEND);
				}
			}
		}
		System.exit(0);
	}

	/**
	 * One cell's outcome. The CPU figures are microseconds of CPU time (every thread of the process,
	 * user and system) per successful call while measured, for the server under test and for the
	 * driver itself; NaN when the server's pid was not given.
	 */
	/** The command run as each measured window opens and closes, or null. */
	private static String hook;

	private static void runHook(String phase, Target target, Cell cell, int rep, long pid) throws Exception {
		if (hook == null) {
			return;
		}
		Process process = new ProcessBuilder(hook, phase, target.name(), cell.op().name().toLowerCase(Locale.ROOT),
				String.valueOf(cell.concurrency()), String.valueOf(rep), String.valueOf(pid))
			.inheritIO()
			.start();
		process.waitFor(60, TimeUnit.SECONDS);
	}

	record Result(int rep, Op op, int concurrency, String target, long requests, long errors, double seconds,
			double p50Micros, double p99Micros, double serverCpuMicros, double driverCpuMicros) {

		static final String HEADER = "rep\top\tconcurrency\ttarget\trequests\terrors\tseconds\trps\tp50_us\tp99_us"
				+ "\tserver_cpu_us\tdriver_cpu_us";

		String row() {
			return String.join("\t", String.valueOf(this.rep), this.op.name().toLowerCase(Locale.ROOT),
					String.valueOf(this.concurrency), this.target, String.valueOf(this.requests),
					String.valueOf(this.errors), fmt(this.seconds), fmt(this.requests / this.seconds),
					fmt(this.p50Micros), fmt(this.p99Micros), fmt(this.serverCpuMicros), fmt(this.driverCpuMicros));
		}

		private static String fmt(double value) {
			return String.format(Locale.ROOT, "%.1f", value);
		}

	}

	/**
	 * One cell: {@code concurrency} workers in a closed loop, each with its own session, for
	 * {@code warmup} seconds unrecorded and {@code duration} seconds recorded.
	 */
	/** The token of one worker for one server. */
	@FunctionalInterface
	interface Tokens {

		String token(String url, int worker);

	}

	private static Result run(HttpClient client, Target target, Tokens tokens, Cell cell, double warmup,
			double duration, int rep, Long serverPid) throws Exception {
		int n = cell.concurrency();
		ExecutorService pool = Executors.newFixedThreadPool(n);
		try {
			List<Future<Caller>> opening = new ArrayList<>();
			for (int i = 0; i < n; i++) {
				String token = tokens.token(target.url(), i);
				opening.add(pool.submit(() -> target.open(client, token)));
			}
			List<Caller> callers = new ArrayList<>();
			for (Future<Caller> future : opening) {
				callers.add(future.get(60, TimeUnit.SECONDS));
			}
			long start = System.nanoTime() + 50_000_000L;
			long measureFrom = start + (long) (warmup * 1e9);
			long measureTo = measureFrom + (long) (duration * 1e9);
			List<Future<long[]>> work = new ArrayList<>();
			List<Histogram> histograms = new ArrayList<>();
			for (int i = 0; i < n; i++) {
				Caller caller = callers.get(i);
				Histogram histogram = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
				histograms.add(histogram);
				long offset = i * 7919L;
				work.add(pool.submit(() -> {
					long ok = 0;
					long errors = 0;
					long seq = offset;
					while (System.nanoTime() < start) {
						Thread.onSpinWait();
					}
					while (true) {
						long t0 = System.nanoTime();
						if (t0 >= measureTo) {
							break;
						}
						boolean success;
						try {
							success = caller.call(cell.op(), seq++);
						}
						catch (Exception ex) {
							success = false;
						}
						long t1 = System.nanoTime();
						if (t0 >= measureFrom && t1 <= measureTo) {
							if (success) {
								ok++;
								histogram.recordValue(Math.min(t1 - t0, histogram.getHighestTrackableValue()));
							}
							else {
								errors++;
							}
						}
					}
					return new long[] { ok, errors };
				}));
			}
			// The CPU both processes spend in the measured window: on a machine where the driver shares
			// the cores with the server, throughput counts the driver's work too; this does not.
			long serverCpu0 = 0;
			long driverCpu0 = 0;
			long serverCpu1 = 0;
			long driverCpu1 = 0;
			if (serverPid != null && duration > 0) {
				sleepUntil(measureFrom);
				runHook("start", target, cell, rep, serverPid);
				serverCpu0 = cpuNanos(serverPid);
				driverCpu0 = cpuNanos(ProcessHandle.current().pid());
				sleepUntil(measureTo);
				serverCpu1 = cpuNanos(serverPid);
				driverCpu1 = cpuNanos(ProcessHandle.current().pid());
				runHook("stop", target, cell, rep, serverPid);
			}
			long ok = 0;
			long errors = 0;
			for (Future<long[]> future : work) {
				long[] counts = future.get();
				ok += counts[0];
				errors += counts[1];
			}
			for (Caller caller : callers) {
				caller.close();
			}
			Histogram all = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
			histograms.forEach(all::add);
			double seconds = (duration > 0) ? duration : warmup;
			double serverCpuMicros = (serverPid != null && ok > 0) ? (serverCpu1 - serverCpu0) / 1000.0 / ok : Double.NaN;
			double driverCpuMicros = (serverPid != null && ok > 0) ? (driverCpu1 - driverCpu0) / 1000.0 / ok : Double.NaN;
			return new Result(rep, cell.op(), n, target.name(), ok, errors, seconds,
					all.getValueAtPercentile(50) / 1000.0, all.getValueAtPercentile(99) / 1000.0, serverCpuMicros,
					driverCpuMicros);
		}
		finally {
			pool.shutdownNow();
		}
	}

	private static void sleepUntil(long nanoTime) throws InterruptedException {
		long left;
		while ((left = nanoTime - System.nanoTime()) > 0) {
			TimeUnit.NANOSECONDS.sleep(left);
		}
	}

	/**
	 * CPU time of every thread of a process, in nanoseconds: the sum of the first field of each
	 * {@code /proc/PID/task/TID/schedstat} (time spent on a CPU), exact where {@code /proc/PID/stat}
	 * counts in clock ticks. Threads that ended before the read are not counted, which the
	 * servers' pooled threads rarely do.
	 */
	static long cpuNanos(long pid) throws IOException {
		long total = 0;
		try (var tasks = Files.list(Path.of("/proc", String.valueOf(pid), "task"))) {
			for (Path task : (Iterable<Path>) tasks::iterator) {
				try {
					String schedstat = Files.readString(task.resolve("schedstat"));
					total += Long.parseLong(schedstat.substring(0, schedstat.indexOf(' ')));
				}
				catch (IOException | RuntimeException ex) {
					// the thread ended meanwhile
				}
			}
		}
		return total;
	}

	/**
	 * Opens idle SSE streams on plain sockets (a GET per socket, read up to the {@code endpoint}
	 * event, then left alone), in stages: after each stage it writes {@code ready-N} into the
	 * signal directory and waits for {@code go-N} (the harness measures in between).
	 */
	private static void idleSse(Map<String, List<String>> options) throws Exception {
		Path keys = Path.of(one(options, "keys"));
		URI url = URI.create(one(options, "url"));
		Path signal = Path.of(one(options, "signal"));
		// Ten streams a user, as many users would hold them: a principal may hold only so many
		// streams (mcp.server.session.max-streams-per-principal, 16 by default).
		Map<Integer, byte[]> requests = new java.util.concurrent.ConcurrentHashMap<>();
		java.util.function.IntFunction<byte[]> requestOf = (i) -> requests.computeIfAbsent(i / 10, (user) -> {
			try {
				String token = Jwts.token(keys, url.getScheme() + "://" + url.getAuthority(), "idle-user-" + user);
				return ("GET " + url.getRawPath() + " HTTP/1.1\r\nHost: " + url.getAuthority()
						+ "\r\nAuthorization: Bearer " + token + "\r\nAccept: text/event-stream\r\n\r\n")
					.getBytes(StandardCharsets.US_ASCII);
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		});
		List<Socket> sockets = Collections.synchronizedList(new ArrayList<>());
		ExecutorService openers = Executors.newFixedThreadPool(8);
		for (String stage : one(options, "counts").split(",")) {
			int count = Integer.parseInt(stage.trim());
			List<Future<?>> opening = new ArrayList<>();
			long started = System.nanoTime();
			for (int i = sockets.size(); i < count; i++) {
				byte[] request = requestOf.apply(i);
				opening.add(openers.submit(() -> {
					Socket socket = new Socket();
					socket.connect(new InetSocketAddress(url.getHost(), url.getPort()), 30_000);
					socket.setSoTimeout(60_000);
					OutputStream out = socket.getOutputStream();
					out.write(request);
					out.flush();
					readUntilEndpoint(socket.getInputStream());
					sockets.add(socket);
					return null;
				}));
			}
			int failed = 0;
			for (Future<?> future : opening) {
				try {
					future.get();
				}
				catch (Exception ex) {
					failed++;
					if (failed < 5) {
						System.err.println("stream failed: " + ex.getCause());
					}
				}
			}
			System.err.printf(Locale.ROOT, "%d idle SSE streams open (%d failed) in %.1f s%n", sockets.size(), failed,
					(System.nanoTime() - started) / 1e9);
			Files.writeString(signal.resolve("ready-" + count), String.valueOf(sockets.size()));
			while (!Files.exists(signal.resolve("go-" + count))) {
				Thread.sleep(200);
			}
		}
		for (Socket socket : sockets) {
			socket.close();
		}
		System.exit(0);
	}

	private static void readUntilEndpoint(InputStream in) throws IOException {
		StringBuilder seen = new StringBuilder();
		byte[] buffer = new byte[2048];
		while (true) {
			int n = in.read(buffer);
			if (n < 0) {
				throw new IOException("stream closed before the endpoint event: " + seen);
			}
			seen.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
			if (!seen.toString().startsWith("HTTP/1.1 200")) {
				throw new IOException("refused: " + seen.toString().lines().findFirst().orElse(""));
			}
			int endpoint = seen.indexOf("event: endpoint");
			if (endpoint >= 0 && seen.indexOf("\n\n", endpoint) >= 0) {
				return;
			}
		}
	}

}
