package io.github.mcpstarter.fleet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import io.github.mcpstarter.protocol.McpServer;
import io.github.mcpstarter.sample.SampleApplication;
import io.github.mcpstarter.transport.OpenStreams;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.util.TestSocketUtils;

/**
 * Three instances of the sample app (profile {@code fleet}) in this JVM, one Redis they share, and
 * a {@link RoundRobinProxy} in front: what a deployment behind a load balancer without sticky
 * sessions looks like. Clients talk to the proxy only ({@link #url()}), which is every instance's
 * {@code mcp.server.public-url}.
 *
 * <p>Tokens: instance 0 runs the embedded authorization server and is the issuer of all; instances
 * 1 and 2 run without it and accept its tokens ({@code issuer-uri}). Its tokens are issued for the
 * proxy's URLs (its {@code sample.authorization-server.resources}), which every instance accepts as
 * audiences. Instance 0 is therefore never stopped.
 *
 * <p>Most test classes share one fleet ({@link #shared()}), started on first use and stopped with
 * the JVM; a class that stops instances or Redis starts its own ({@link #start()}) and closes it.
 */
final class Fleet implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(Fleet.class);

	static final int INSTANCES = 3;

	/** The demo client of {@code application.yml}. */
	static final String CLIENT_ID = "mcp-demo-client";

	static final String CLIENT_SECRET = "mcp-demo-secret";

	/**
	 * The ports above 1023 that Node's fetch refuses ("bad port" of the Fetch standard), as
	 * {@code DemoAuthorizationServer.FETCH_BLOCKED_PORTS} lists them all: the TypeScript clients
	 * reach the issuer and the proxy directly.
	 */
	private static final Set<Integer> FETCH_BLOCKED_PORTS = Set.of(1719, 1720, 1723, 2049, 3659, 4045, 4190, 5060, 5061,
			6000, 6566, 6665, 6666, 6667, 6668, 6669, 6679, 6697, 10080);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private static Fleet shared;

	private final EmbeddedRedis redis;

	private final RoundRobinProxy proxy;

	private final int[] ports = new int[INSTANCES];

	private final ConfigurableApplicationContext[] instances = new ConfigurableApplicationContext[INSTANCES];

	private Fleet(Function<Integer, List<String>> extraArguments) throws IOException {
		this.redis = new EmbeddedRedis().start();
		List<URI> backends = new ArrayList<>();
		for (int i = 0; i < INSTANCES; i++) {
			this.ports[i] = freePort();
			backends.add(URI.create("http://localhost:" + this.ports[i]));
		}
		this.proxy = new RoundRobinProxy(backends);
		long started = System.nanoTime();
		try {
			for (int i = 0; i < INSTANCES; i++) {
				this.instances[i] = new SpringApplicationBuilder(SampleApplication.class).profiles("fleet")
					.run(arguments(i, extraArguments.apply(i)).toArray(String[]::new));
			}
		}
		catch (RuntimeException ex) {
			close();
			throw ex;
		}
		logger.info("Fleet of " + INSTANCES + " instances on " + List.of(this.ports[0], this.ports[1], this.ports[2])
				+ ", Redis on " + this.redis.port() + ", proxy on " + this.proxy.port() + ", started in "
				+ Duration.ofNanos(System.nanoTime() - started).toMillis() + " ms");
	}

	/** The fleet most test classes share, started on first use, stopped when the JVM exits. */
	static synchronized Fleet shared() {
		if (shared == null) {
			shared = start();
			Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "fleet-shutdown"));
		}
		return shared;
	}

	/** A fleet of the caller's own, to close when done. */
	static Fleet start() {
		return start((instance) -> List.of());
	}

	/**
	 * A fleet of the caller's own, with more command-line arguments per instance.
	 * @param extraArguments such as {@code --mcp.server.session.keep-alive-interval=1s}, by instance index
	 */
	static Fleet start(Function<Integer, List<String>> extraArguments) {
		try {
			return new Fleet(extraArguments);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Command-line arguments, not default properties: they must win over application-fleet.yml
	 * and application.yml, which derive every URL from the instance's own port.
	 */
	private List<String> arguments(int instance, List<String> extra) {
		String proxy = this.proxy.url();
		List<String> arguments = new ArrayList<>(List.of("--server.port=" + this.ports[instance],
				"--spring.data.redis.host=127.0.0.1", "--spring.data.redis.port=" + this.redis.port(),
				"--mcp.server.public-url=" + proxy,
				"--spring.security.oauth2.resourceserver.jwt.issuer-uri=" + issuer(),
				"--spring.security.oauth2.resourceserver.jwt.audiences[0]=" + proxy + "/mcp",
				"--spring.security.oauth2.resourceserver.jwt.audiences[1]=" + proxy + "/sse",
				"--spring.security.oauth2.resourceserver.jwt.audiences[2]=" + proxy,
				"--spring.jmx.enabled=false"));
		if (instance == 0) {
			arguments.addAll(List.of("--sample.authorization-server.resources[0]=" + proxy + "/mcp",
					"--sample.authorization-server.resources[1]=" + proxy + "/sse",
					"--sample.authorization-server.resources[2]=" + proxy));
		}
		else {
			arguments.add("--sample.authorization-server.enabled=false");
		}
		arguments.addAll(extra);
		return arguments;
	}

	/** {@code http://localhost:<proxy>}: where clients reach the fleet. */
	String url() {
		return this.proxy.url();
	}

	/** {@code http://localhost:<proxy>/mcp}. */
	String mcpUrl() {
		return url() + "/mcp";
	}

	/** The issuer of every token: instance 0. */
	String issuer() {
		return "http://localhost:" + this.ports[0];
	}

	RoundRobinProxy proxy() {
		return this.proxy;
	}

	EmbeddedRedis redis() {
		return this.redis;
	}

	int port(int instance) {
		return this.ports[instance];
	}

	/** The instance's application context, or {@code null} once it is stopped. */
	ConfigurableApplicationContext instance(int instance) {
		return this.instances[instance];
	}

	/** The instances that run, by index. */
	List<Integer> running() {
		List<Integer> running = new ArrayList<>();
		for (int i = 0; i < INSTANCES; i++) {
			if (this.instances[i] != null && this.instances[i].isActive()) {
				running.add(i);
			}
		}
		return running;
	}

	/** The MCP server of a running instance. */
	McpServer server(int instance) {
		return this.instances[instance].getBean(McpServer.class);
	}

	/** The open SSE streams of a running instance. */
	OpenStreams openStreams(int instance) {
		return this.instances[instance].getBean(OpenStreams.class);
	}

	/**
	 * How many calls of a tool ended with an outcome, on every running instance (the starter's
	 * {@code mcp.server.tool.calls} metric): where a cancellation shows that it reached the call.
	 * @param outcome such as {@code cancelled} or {@code success}
	 */
	long toolCalls(String tool, String outcome) {
		long count = 0;
		for (int instance : running()) {
			count += this.instances[instance].getBean(MeterRegistry.class)
				.find("mcp.server.tool.calls")
				.tag("mcp.tool.name", tool)
				.tag("outcome", outcome)
				.timers()
				.stream()
				.mapToLong(Timer::count)
				.sum();
		}
		return count;
	}

	/**
	 * Stops an instance the way a load balancer sees it: out of rotation first, then its context
	 * closed (Boot's graceful shutdown), which ends its streams.
	 * @return how long closing the context took
	 */
	Duration stop(int instance) {
		if (instance == 0) {
			throw new IllegalArgumentException("instance 0 is the issuer of every token: keep it running");
		}
		this.proxy.remove(instance);
		ConfigurableApplicationContext context = this.instances[instance];
		if (context == null) {
			return Duration.ZERO;
		}
		long start = System.nanoTime();
		context.close();
		Duration took = Duration.ofNanos(System.nanoTime() - start);
		logger.info("Instance " + instance + " stopped in " + took.toMillis() + " ms");
		return took;
	}

	/** An access token of the demo client for the fleet's {@code /mcp}, with all its scopes. */
	String token() {
		return token(mcpUrl());
	}

	/** An access token of the demo client for a resource, from the issuer directly. */
	String token(String resource) {
		String form = "grant_type=client_credentials&resource=" + URLEncoder.encode(resource, StandardCharsets.UTF_8);
		HttpRequest request = HttpRequest.newBuilder(URI.create(issuer() + "/oauth2/token"))
			.timeout(Duration.ofSeconds(10))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Accept", "application/json")
			.header("Authorization", "Basic " + Base64.getEncoder()
				.encodeToString((CLIENT_ID + ":" + CLIENT_SECRET).getBytes(StandardCharsets.UTF_8)))
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build();
		try {
			HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != 200) {
				throw new IllegalStateException("Token request: " + response.statusCode() + " " + response.body());
			}
			JsonNode body = JSON.readTree(response.body());
			return body.at("/access_token").asString();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static int freePort() {
		int port = TestSocketUtils.findAvailableTcpPort();
		while (FETCH_BLOCKED_PORTS.contains(port)) {
			port = TestSocketUtils.findAvailableTcpPort();
		}
		return port;
	}

	@Override
	public void close() {
		for (int i = INSTANCES - 1; i >= 0; i--) {
			if (this.instances[i] != null) {
				try {
					this.instances[i].close();
				}
				catch (RuntimeException ex) {
					logger.warn("Instance " + i + " did not close cleanly", ex);
				}
			}
		}
		this.proxy.close();
		this.redis.close();
	}

}
