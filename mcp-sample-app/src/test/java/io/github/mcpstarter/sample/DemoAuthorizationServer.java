package io.github.mcpstarter.sample;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.IntSupplier;
import java.util.stream.Collectors;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.util.TestSocketUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample's embedded authorization server, as the tests use it: real tokens from its real
 * token endpoint.
 *
 * <p>The issuer is {@code http://localhost:${server.port}}, and the resource server checks that
 * every token's {@code iss} is exactly that, so the port must be known before the application
 * starts: a random port ({@code server.port=0}) would make the issuer {@code http://localhost:0}.
 * Tests therefore pick a free port first ({@link #useFreePort}), never one that Node's fetch
 * refuses, and run on it ({@code WebEnvironment.DEFINED_PORT}); everything derived from {@code server.port} in
 * {@code application.yml} (issuer, issuer-uri, audiences) follows. Clients talk to
 * {@code localhost}, not {@code 127.0.0.1}: the starter derives the accepted audiences from the
 * host a request came to, and the tokens name {@code localhost}.
 */
final class DemoAuthorizationServer {

	/** The demo client of {@code application.yml}. */
	static final String CLIENT_ID = "mcp-demo-client";

	static final String CLIENT_SECRET = "mcp-demo-secret";

	/** The demo user of {@code application.yml}. */
	static final String USERNAME = "demo";

	static final String PASSWORD = "demo";

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private DemoAuthorizationServer() {
	}

	/**
	 * Runs the application on a port that is free now and that Node.js may fetch from, for a
	 * {@code @DynamicPropertySource} method. Chosen once per application context.
	 */
	static void useFreePort(DynamicPropertyRegistry registry) {
		int port = fetchablePort(TestSocketUtils::findAvailableTcpPort);
		registry.add("server.port", () -> port);
	}

	/**
	 * The first of the candidate ports that the Fetch standard does not block. Node's
	 * {@code fetch} (undici), used by every Node client these tests run, refuses to connect to the
	 * ports of {@link #FETCH_BLOCKED_PORTS} ("bad port"), and {@code TestSocketUtils} draws from
	 * 1024-65535, so one draw in about 2,000 would fail every Node client of a test class.
	 * @param candidates free ports, such as {@code TestSocketUtils::findAvailableTcpPort}
	 */
	static int fetchablePort(IntSupplier candidates) {
		int port = candidates.getAsInt();
		while (FETCH_BLOCKED_PORTS.contains(port)) {
			port = candidates.getAsInt();
		}
		return port;
	}

	/**
	 * The ports that fetch never connects to (the Fetch standard, "bad port",
	 * https://fetch.spec.whatwg.org/#bad-port), as undici lists them in
	 * {@code lib/web/fetch/constants.js}; {@code DemoAuthorizationServerTests} checks this against
	 * the installed undici.
	 */
	static final Set<Integer> FETCH_BLOCKED_PORTS = Set.of(1, 7, 9, 11, 13, 15, 17, 19, 20, 21, 22, 23, 25, 37, 42, 43,
			53, 69, 77, 79, 87, 95, 101, 102, 103, 104, 109, 110, 111, 113, 115, 117, 119, 123, 135, 137, 139, 143, 161,
			179, 389, 427, 465, 512, 513, 514, 515, 526, 530, 531, 532, 540, 548, 554, 556, 563, 587, 601, 636, 989,
			990, 993, 995, 1719, 1720, 1723, 2049, 3659, 4045, 4190, 5060, 5061, 6000, 6566, 6665, 6666, 6667, 6668,
			6669, 6679, 6697, 10080);

	/** {@code http://localhost:<port>}: the issuer, and the base of the resource identifiers. */
	static String baseUrl(int port) {
		return "http://localhost:" + port;
	}

	/**
	 * An access token of the demo client for the MCP endpoint ({@code resource=<base>/mcp}), with
	 * all of its scopes.
	 */
	static String demoClientToken(int port) {
		return accessToken(tokenRequest(port, CLIENT_ID, CLIENT_SECRET,
				Map.of("grant_type", "client_credentials", "resource", baseUrl(port) + "/mcp")));
	}

	/** An access token of the demo client with only the given scopes (space-separated). */
	static String demoClientToken(int port, String scope) {
		return accessToken(tokenRequest(port, CLIENT_ID, CLIENT_SECRET, Map.of("grant_type", "client_credentials",
				"scope", scope, "resource", baseUrl(port) + "/mcp")));
	}

	/** POSTs a token request, the client authenticating with HTTP Basic when a secret is given. */
	static HttpResponse<String> tokenRequest(int port, String clientId, String clientSecret,
			Map<String, String> form) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl(port) + "/oauth2/token"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Accept", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(form(form)));
		if (clientSecret != null) {
			request.header("Authorization", "Basic " + Base64.getEncoder()
				.encodeToString((clientId + ":" + clientSecret).getBytes(StandardCharsets.UTF_8)));
		}
		return send(request.build());
	}

	/** The access token of a successful token response. */
	static String accessToken(HttpResponse<String> response) {
		assertThat(response.statusCode()).as("token response %s", response.body()).isEqualTo(200);
		JsonNode body = JSON.readTree(response.body());
		assertThat(body.at("/token_type").asString()).isEqualTo("Bearer");
		return body.at("/access_token").asString();
	}

	/** The claims of a JWT, read without checking its signature (the server checks that). */
	static JsonNode claims(String jwt) {
		String[] parts = jwt.split("\\.");
		assertThat(parts).as("a JWS in compact form").hasSize(3);
		return JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
	}

	/** An {@code application/x-www-form-urlencoded} body, in the map's order. */
	static String form(Map<String, String> fields) {
		return new LinkedHashMap<>(fields).entrySet()
			.stream()
			.map((field) -> encode(field.getKey()) + "=" + encode(field.getValue()))
			.collect(Collectors.joining("&"));
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	private static HttpResponse<String> send(HttpRequest request) {
		try {
			return HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new IllegalStateException("Token request failed: " + ex, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
