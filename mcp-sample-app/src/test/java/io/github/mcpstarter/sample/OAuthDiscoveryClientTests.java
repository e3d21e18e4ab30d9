package io.github.mcpstarter.sample;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.mcpstarter.sample.orders.OrderService;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientSseClientTransport;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.client.transport.customizer.McpHttpClientTransportAuthorizationErrorHandler;
import io.modelcontextprotocol.client.transport.customizer.McpSyncHttpClientRequestCustomizer;
import io.modelcontextprotocol.json.jackson3.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Clients that are given nothing but the server's MCP URL and the demo client's id and secret,
 * and find everything else the way the MCP authorization specification (2025-11-25) describes:
 * the MCP endpoint answers 401 with {@code WWW-Authenticate: Bearer resource_metadata="..."}, the
 * protected resource metadata (RFC 9728) names the authorization server, whose metadata
 * (RFC 8414) names the token endpoint, where the client gets a token for the resource
 * (RFC 8707) with {@code client_credentials}. Over both transports, with the official clients:
 *
 * <ul>
 * <li>the MCP TypeScript SDK ({@code src/test/node/ts-sdk-oauth-client.mjs}), whose own
 * {@code ClientCredentialsProvider} runs the whole flow as the transport's {@code authProvider};
 * the script records every HTTP request it makes, and the test checks their order;</li>
 * <li>the MCP Java SDK, which has no OAuth client of its own: the discovery is written here with
 * {@code java.net.http}, started by a 401 and ending in a token that the SDK client then sends.
 * Over Streamable HTTP the 401 is the SDK client's own first request, handed to the transport's
 * authorization error handler, which discovers, gets the token and has the SDK retry; the legacy
 * SSE transport has no such hook, so there the discovery starts from an unauthenticated GET of
 * the SSE endpoint before the SDK client connects.</li>
 * </ul>
 *
 * <p>The TypeScript client runs as {@link TypeScriptSdkClientTests} runs it: Maven installs it in
 * {@code target/ts-sdk-client}, and it runs with the pinned Node.js when that is installed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
class OAuthDiscoveryClientTests extends SampleAppTestSupport {

	@Autowired
	OrderService orders;

	private static final Log logger = LogFactory.getLog(OAuthDiscoveryClientTests.class);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	/** The longest a TypeScript client run may take. */
	private static final long TIMEOUT_SECONDS = 60;

	/** The scopes the MCP endpoints ask for in their challenges: all the tools need, in any order. */
	private static final List<String> CHALLENGE_SCOPES = List.of("orders.read", "orders.write", "inventory.read");

	private static final String AS_METADATA = "/.well-known/oauth-authorization-server";

	private static final String RESOURCE_METADATA = "/.well-known/oauth-protected-resource";

	private String base;

	@BeforeEach
	void startFromSeedData() {
		this.base = DemoAuthorizationServer.baseUrl(this.port);
	}

	/** {@code /mcp} for Streamable HTTP, {@code /sse} for the legacy transport. */
	private String mcpUrl(String transport) {
		return this.base + ("streamable".equals(transport) ? "/mcp" : "/sse");
	}

	// ---------------------------------------------------------------------------------------
	// The TypeScript SDK's own OAuth client
	// ---------------------------------------------------------------------------------------

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "streamable", "sse" })
	void typeScriptSdkClientAuthenticatesWithClientCredentialsThroughDiscoveryAlone(String transport)
			throws Exception {
		String mcpUrl = mcpUrl(transport);
		String metadataUrl = this.base + RESOURCE_METADATA + URI.create(mcpUrl).getPath();
		// What the authorization server advertises, read here independently of the client.
		JsonNode asMetadata = getJson(this.base + AS_METADATA);
		String tokenEndpoint = asMetadata.at("/token_endpoint").asString();
		assertThat(tokenEndpoint).isNotBlank();

		JsonNode summary = runTypeScriptClient(mcpUrl, transport);

		assertThat(summary.at("/failure").isNull()).as("failure: %s", summary.at("/failure")).isTrue();
		List<JsonNode> requests = summary.at("/requests").valueStream().toList();
		String wire = requests.stream().map(OAuthDiscoveryClientTests::describe).reduce("", (a, b) -> a + "\n  " + b);
		logger.info("TypeScript SDK client over " + transport + ", the requests it made:" + wire);
		assertThat(requests).as("requests:%s", wire).hasSizeGreaterThan(5);

		// 1. The MCP endpoint, without a token: 401 and where to look next.
		JsonNode first = requests.get(0);
		assertThat(first.at("/method").asString()).as("requests:%s", wire)
			.isEqualTo("streamable".equals(transport) ? "POST" : "GET");
		assertThat(first.at("/url").asString()).isEqualTo(mcpUrl);
		assertThat(first.at("/authorization").isNull()).as("first request sent no credentials").isTrue();
		assertThat(first.at("/status").asInt()).isEqualTo(401);
		Map<String, String> challenge = bearerChallenge(first.at("/wwwAuthenticate").asString());
		assertThat(challenge).containsEntry("resource_metadata", metadataUrl);
		assertThat(challenge.get("scope").split(" ")).containsExactlyInAnyOrderElementsOf(CHALLENGE_SCOPES);

		// 2. The protected resource metadata the challenge named.
		assertThat(describe(requests.get(1))).as("requests:%s", wire).isEqualTo("GET " + metadataUrl + " 200");

		// 3. The metadata of the authorization server that one named.
		assertThat(describe(requests.get(2))).as("requests:%s", wire)
			.isEqualTo("GET " + this.base + AS_METADATA + " 200");

		// 4. The token endpoint that one named: client_credentials for the resource, the client
		// authenticated with HTTP Basic (the secret not in the body).
		JsonNode tokenRequest = requests.get(3);
		assertThat(describe(tokenRequest)).as("requests:%s", wire).isEqualTo("POST " + tokenEndpoint + " 200");
		assertThat(tokenRequest.at("/authorization").asString()).isEqualTo("Basic");
		assertThat(tokenRequest.at("/clientSecretInBody").asBoolean()).isFalse();
		assertThat(tokenRequest.at("/form/grant_type").asString()).isEqualTo("client_credentials");
		assertThat(tokenRequest.at("/form/resource").asString()).isEqualTo(mcpUrl);

		// 5. Then MCP only, every request with the token, none refused.
		List<JsonNode> mcp = requests.subList(4, requests.size());
		assertThat(mcp).as("requests:%s", wire).allSatisfy((request) -> {
			assertThat(request.at("/url").asString()).startsWith(mcpUrl);
			assertThat(request.at("/authorization").asString()).isEqualTo("Bearer");
			assertThat(request.at("/status").asInt()).isIn(200, 202, 204, 405);
		});
		if ("streamable".equals(transport)) {
			assertThat(describe(mcp.get(0))).as("the refused request again").isEqualTo("POST " + mcpUrl + " 200");
			assertThat(mcp.get(0).at("/rpc").asString()).isEqualTo("initialize");
		}
		else {
			assertThat(describe(mcp.get(0))).as("the refused request again").isEqualTo("GET " + mcpUrl + " 200");
		}
		assertThat(mcp.stream().map((request) -> request.at("/rpc").asString("")).filter((rpc) -> !rpc.isEmpty()))
			.containsSubsequence("initialize", "notifications/initialized", "tools/list", "tools/call");

		// The token it got: for this endpoint, from the discovered issuer.
		JsonNode claims = summary.at("/token/claims");
		assertThat(audiences(claims.at("/aud"))).containsExactly(mcpUrl);
		assertThat(claims.at("/iss").asString()).isEqualTo(this.base);
		assertThat(claims.at("/sub").asString()).isEqualTo(DemoAuthorizationServer.CLIENT_ID);
		assertThat(summary.at("/clientIssuer").asString()).isEqualTo(this.base);

		// And what it did with it.
		assertThat(summary.at("/protocolVersion").asString()).isEqualTo("2025-11-25");
		assertThat(summary.at("/serverInfo/name").asString()).isEqualTo("mcp-sample-app");
		assertThat(summary.at("/tools").valueStream().map(JsonNode::asString).toList())
			.containsExactlyElementsOf(PUBLISHED_TOOLS);
		assertThat(summary.at("/getOrder2/isError").asBoolean()).isFalse();
		assertOrder2(summary.at("/getOrder2/structuredContent"));
		// Resources, prompts and completions, with the same token, over either transport.
		SampleOfferings.assertSeenBy(summary, "TypeScript SDK over " + transport, this.orders);
		assertThat(summary.at("/clientErrors").valueStream().toList()).isEmpty();
	}

	private static String describe(JsonNode request) {
		return request.at("/method").asString() + " " + request.at("/url").asString() + " "
				+ request.at("/status").asString("?");
	}

	private static void assertOrder2(JsonNode order) {
		assertThat(order.at("/id").asLong()).isEqualTo(2);
		assertThat(order.at("/customerEmail").asString()).isEqualTo("grace@example.com");
		assertThat(order.at("/status").asString()).isEqualTo("PAID");
		assertThat(order.at("/total").decimalValue()).isEqualByComparingTo("199.00");
	}

	private JsonNode runTypeScriptClient(String mcpUrl, String transport) throws Exception {
		// The client's credentials, and nothing else: no token, no token endpoint, no issuer.
		JsonNode summary = NodeClients
			.run(NodeClients.directory("ts-sdk-oauth-client.mjs"), Duration.ofSeconds(TIMEOUT_SECONDS),
					Map.of("MCP_CLIENT_ID", DemoAuthorizationServer.CLIENT_ID, "MCP_CLIENT_SECRET",
							DemoAuthorizationServer.CLIENT_SECRET),
					"ts-sdk-oauth-client.mjs", mcpUrl, transport)
			.sdkClientSummary();
		assertThat(summary.at("/transport").asString()).isEqualTo(transport);
		return summary;
	}

	// ---------------------------------------------------------------------------------------
	// The Java SDK client, with the discovery written here
	// ---------------------------------------------------------------------------------------

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "streamable", "sse" })
	void javaSdkClientAuthenticatesWithClientCredentialsThroughDiscoveryAlone(String transport) {
		String mcpUrl = mcpUrl(transport);
		String metadataUrl = this.base + RESOURCE_METADATA + URI.create(mcpUrl).getPath();
		ClientCredentialsDiscovery discovery = new ClientCredentialsDiscovery(DemoAuthorizationServer.CLIENT_ID,
				DemoAuthorizationServer.CLIENT_SECRET);
		McpSyncClient client = javaSdkClient(mcpUrl, transport, discovery);
		try {
			McpSchema.InitializeResult initialized = client.initialize();
			assertThat(initialized.protocolVersion())
				.isEqualTo("streamable".equals(transport) ? "2025-11-25" : "2024-11-05");
			assertThat(initialized.serverInfo().name()).isEqualTo("mcp-sample-app");
			assertThat(client.listTools().tools()).extracting(McpSchema.Tool::name)
				.containsExactlyElementsOf(PUBLISHED_TOOLS);
			McpSchema.CallToolResult order2 = client
				.callTool(McpSchema.CallToolRequest.builder("get_order").arguments(Map.of("id", 2)).build());
			assertThat(order2.isError()).isNotEqualTo(Boolean.TRUE);
			assertOrder2(JSON.valueToTree(order2.structuredContent()));
		}
		finally {
			client.closeGracefully();
		}

		List<String> trace = List.copyOf(discovery.trace);
		String wire = String.join("\n  ", trace);
		logger.info("Java SDK client over " + transport + ", what it did:\n  " + wire);
		// The discovery, in order: 401 from the MCP endpoint, the resource metadata it names, the
		// authorization server's metadata, its token endpoint; then MCP with the token.
		assertThat(trace).as("trace:\n  %s", wire).hasSizeGreaterThan(5);
		assertThat(trace.subList(0, 5)).as("trace:\n  %s", wire)
			.containsExactly(
					("streamable".equals(transport) ? "POST " : "GET ") + mcpUrl + " (no token) -> 401",
					"GET " + metadataUrl + " -> 200", "GET " + this.base + AS_METADATA + " -> 200",
					"POST " + discovery.tokenEndpoint + " (Basic) -> 200",
					("streamable".equals(transport) ? "POST " : "GET ") + mcpUrl + " (Bearer)");
		assertThat(trace.subList(5, trace.size())).as("trace:\n  %s", wire)
			.allSatisfy((step) -> assertThat(step).contains(" " + mcpUrl).endsWith(" (Bearer)"));
		assertThat(discovery.tokenEndpoint).isEqualTo(getJson(this.base + AS_METADATA).at("/token_endpoint").asString());

		// What was found, and the token it gave.
		assertThat(discovery.challenge).containsEntry("resource_metadata", metadataUrl);
		assertThat(discovery.resource).isEqualTo(mcpUrl);
		assertThat(discovery.issuer).isEqualTo(this.base);
		JsonNode claims = DemoAuthorizationServer.claims(discovery.accessToken.get());
		assertThat(audiences(claims.at("/aud"))).as("aud is the resource of the metadata")
			.containsExactly(discovery.resource);
		assertThat(claims.at("/iss").asString()).isEqualTo(discovery.issuer);
		assertThat(claims.at("/sub").asString()).isEqualTo(DemoAuthorizationServer.CLIENT_ID);
		assertThat(audiences(claims.at("/scope"))).as("the scopes the challenge asked for")
			.containsExactlyInAnyOrderElementsOf(Arrays.asList(discovery.challenge.get("scope").split(" ")));
	}

	/**
	 * The Java SDK client for {@code mcpUrl}, sending the discovered token once there is one. Over
	 * Streamable HTTP it starts without one: its first request is refused with 401, which the
	 * transport hands to its authorization error handler, here the discovery, and then sends
	 * again. The SSE transport has no such handler, so the discovery starts from an
	 * unauthenticated GET of the SSE endpoint, made here, before the client connects.
	 */
	private static McpSyncClient javaSdkClient(String mcpUrl, String transport, ClientCredentialsDiscovery discovery) {
		URI uri = URI.create(mcpUrl);
		String origin = uri.getScheme() + "://" + uri.getRawAuthority();
		McpSyncHttpClientRequestCustomizer bearer = (request, method, endpoint, body, context) -> {
			String token = discovery.accessToken.get();
			discovery.trace.add(method + " " + endpoint + ((token != null) ? " (Bearer)" : " (no token)"));
			if (token != null) {
				request.header("Authorization", "Bearer " + token);
			}
		};
		JacksonMcpJsonMapper json = new JacksonMcpJsonMapper(JsonMapper.builder().build());
		McpClientTransport clientTransport;
		if ("streamable".equals(transport)) {
			clientTransport = HttpClientStreamableHttpTransport.builder(origin)
				.endpoint(uri.getRawPath())
				.jsonMapper(json)
				.addHttpRequestCustomizer(bearer)
				.authorizationErrorHandler(McpHttpClientTransportAuthorizationErrorHandler
					.fromSync((request, response, context) -> discovery.retryAfter(response.statusCode(),
							response.headers().firstValue("WWW-Authenticate").orElse(null))))
				.build();
		}
		else {
			discovery.discover(discovery.challengeOf(HttpRequest.newBuilder(uri)
				.header("Accept", "text/event-stream")
				.timeout(Duration.ofSeconds(10))
				.GET()
				.build()));
			clientTransport = HttpClientSseClientTransport.builder(origin)
				.sseEndpoint(uri.getRawPath())
				.jsonMapper(json)
				.addHttpRequestCustomizer(bearer)
				.build();
		}
		return McpClient.sync(clientTransport)
			.requestTimeout(Duration.ofSeconds(20))
			.clientInfo(McpSchema.Implementation.builder("oauth-discovery-" + transport, "1.0").build())
			.build();
	}

	/**
	 * A client_credentials client that knows its id and secret and nothing else: from a 401's
	 * challenge to an access token, by the MCP authorization specification's discovery, with
	 * {@code java.net.http}. Records every step in {@link #trace}. Also used by
	 * {@link ModernJavaSdkClientTests}, for both eras' Java clients.
	 */
	static final class ClientCredentialsDiscovery {

		/** {@code name="quoted value"} or {@code name=token}, the auth-params of a challenge (RFC 9110). */
		private static final Pattern AUTH_PARAM = Pattern
			.compile("([!#$%&'*+.^_`|~0-9A-Za-z-]+)\\s*=\\s*(?:\"((?:[^\"\\\\]|\\\\.)*)\"|([^\\s,]+))");

		private final String clientId;

		private final String clientSecret;

		/** The scopes to ask for, or {@code null} for those the challenge names. */
		private final String scope;

		/** What the client did, in order; the SDK's requests too (the customizer adds them). */
		final List<String> trace = new CopyOnWriteArrayList<>();

		final AtomicReference<String> accessToken = new AtomicReference<>();

		Map<String, String> challenge;

		String resource;

		String issuer;

		String tokenEndpoint;

		/**
		 * What a client does with a refusal: notes its status beside the request it answered and,
		 * for a first 401, discovers a token; whether to send the request again.
		 * @param status the refusal's status
		 * @param wwwAuthenticate its challenge, or {@code null}
		 */
		boolean retryAfter(int status, String wwwAuthenticate) {
			int last = this.trace.size() - 1;
			this.trace.set(last, this.trace.get(last) + " -> " + status);
			if (status != 401 || this.accessToken.get() != null) {
				return false;
			}
			discover(wwwAuthenticate);
			return true;
		}

		ClientCredentialsDiscovery(String clientId, String clientSecret) {
			this(clientId, clientSecret, null);
		}

		/**
		 * A client that asks for the given scopes rather than those of the challenge.
		 * @param scope space-separated scopes, or {@code null} for those the challenge names
		 */
		ClientCredentialsDiscovery(String clientId, String clientSecret, String scope) {
			this.clientId = clientId;
			this.clientSecret = clientSecret;
			this.scope = scope;
		}

		/** Sends a request without credentials and returns the challenge of the 401 it must get. */
		String challengeOf(HttpRequest request) {
			HttpResponse<InputStream> response = send(request, HttpResponse.BodyHandlers.ofInputStream());
			try (InputStream body = response.body()) {
				// Nothing to read: a 401 has no body to speak of, and anything else fails below.
			}
			catch (IOException ex) {
				// Closing only.
			}
			this.trace.add(request.method() + " " + request.uri() + " (no token) -> " + response.statusCode());
			assertThat(response.statusCode()).as("status without a token").isEqualTo(401);
			return response.headers().firstValue("WWW-Authenticate").orElse(null);
		}

		/** From the challenge of a 401 to an access token, in {@link #accessToken}. */
		void discover(String wwwAuthenticate) {
			// 1. The challenge: where the protected resource metadata is, and the scopes to ask for.
			this.challenge = bearerChallenge(wwwAuthenticate);
			String metadataUrl = this.challenge.get("resource_metadata");
			assertThat(metadataUrl).as("resource_metadata in %s", wwwAuthenticate).isNotBlank();

			// 2. The protected resource metadata (RFC 9728): the resource and its authorization servers.
			JsonNode resourceMetadata = getJson(metadataUrl, this.trace);
			this.resource = resourceMetadata.at("/resource").asString();
			assertThat(this.resource).as("resource of %s", resourceMetadata).isNotBlank();
			this.issuer = resourceMetadata.at("/authorization_servers/0").asString();
			assertThat(this.issuer).as("authorization_servers of %s", resourceMetadata).isNotBlank();

			// 3. The authorization server's metadata (RFC 8414 §3.1: the well-known suffix goes
			// between the host and any path of the issuer), which must name the same issuer (§3.3).
			URI issuerUri = URI.create(this.issuer);
			String path = (issuerUri.getRawPath() == null) ? "" : issuerUri.getRawPath().replaceAll("/+$", "");
			JsonNode asMetadata = getJson(
					issuerUri.getScheme() + "://" + issuerUri.getRawAuthority() + AS_METADATA + path, this.trace);
			assertThat(asMetadata.at("/issuer").asString()).as("issuer of the metadata").isEqualTo(this.issuer);
			assertThat(asMetadata.at("/grant_types_supported").valueStream().map(JsonNode::asString))
				.contains("client_credentials");
			this.tokenEndpoint = asMetadata.at("/token_endpoint").asString();
			assertThat(this.tokenEndpoint).as("token_endpoint of %s", asMetadata).isNotBlank();
			List<String> authMethods = asMetadata.at("/token_endpoint_auth_methods_supported")
				.valueStream()
				.map(JsonNode::asString)
				.toList();
			// RFC 8414 §2: client_secret_basic when the metadata names none.
			boolean basic = authMethods.isEmpty() || authMethods.contains("client_secret_basic");

			// 4. The token endpoint: client_credentials for the resource (RFC 8707), with the scopes
			// of the challenge (or those this client was told to ask for).
			Map<String, String> form = new LinkedHashMap<>();
			form.put("grant_type", "client_credentials");
			form.put("resource", this.resource);
			String scope = (this.scope != null) ? this.scope : this.challenge.get("scope");
			if (scope != null) {
				form.put("scope", scope);
			}
			HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.tokenEndpoint))
				.timeout(Duration.ofSeconds(10))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.header("Accept", "application/json");
			if (basic) {
				// RFC 6749 §2.3.1: each form-encoded, then Base64.
				request.header("Authorization", "Basic " + Base64.getEncoder()
					.encodeToString((urlEncode(this.clientId) + ":" + urlEncode(this.clientSecret))
						.getBytes(StandardCharsets.UTF_8)));
			}
			else {
				form.put("client_id", this.clientId);
				form.put("client_secret", this.clientSecret);
			}
			HttpResponse<String> response = send(
					request.POST(HttpRequest.BodyPublishers.ofString(DemoAuthorizationServer.form(form))).build(),
					HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
			this.trace.add("POST " + this.tokenEndpoint + (basic ? " (Basic)" : " (client_secret_post)") + " -> "
					+ response.statusCode());
			this.accessToken.set(DemoAuthorizationServer.accessToken(response));
		}

	}

	// ---------------------------------------------------------------------------------------
	// Helpers
	// ---------------------------------------------------------------------------------------

	/** The auth-params of a {@code Bearer} challenge, names in lower case. */
	static Map<String, String> bearerChallenge(String wwwAuthenticate) {
		assertThat(wwwAuthenticate).as("WWW-Authenticate").isNotNull();
		assertThat(wwwAuthenticate.regionMatches(true, 0, "Bearer ", 0, 7)).as("a Bearer challenge: %s",
				wwwAuthenticate)
			.isTrue();
		Map<String, String> params = new LinkedHashMap<>();
		Matcher matcher = ClientCredentialsDiscovery.AUTH_PARAM.matcher(wwwAuthenticate.substring(7));
		while (matcher.find()) {
			String value = (matcher.group(2) != null) ? matcher.group(2).replaceAll("\\\\(.)", "$1") : matcher.group(3);
			params.putIfAbsent(matcher.group(1).toLowerCase(Locale.ROOT), value);
		}
		return params;
	}

	/** {@code aud} (or {@code scope}) as a list, whether the JWT holds a string or an array. */
	static List<String> audiences(JsonNode claim) {
		if (claim.isArray()) {
			return claim.valueStream().map(JsonNode::asString).toList();
		}
		List<String> values = new ArrayList<>();
		if (claim.isString()) {
			values.addAll(Arrays.asList(claim.asString().split(" ")));
		}
		return values;
	}

	private static JsonNode getJson(String url) {
		return getJson(url, null);
	}

	private static JsonNode getJson(String url, List<String> trace) {
		HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(url))
			.timeout(Duration.ofSeconds(10))
			.header("Accept", "application/json")
			.GET()
			.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		if (trace != null) {
			trace.add("GET " + url + " -> " + response.statusCode());
		}
		assertThat(response.statusCode()).as("GET %s: %s", url, response.body()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
		return JSON.readTree(response.body());
	}

	private static String urlEncode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	private static <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
		try {
			return HTTP.send(request, handler);
		}
		catch (IOException ex) {
			throw new IllegalStateException(request.method() + " " + request.uri() + " failed: " + ex, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
