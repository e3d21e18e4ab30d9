package io.github.mcpstarter.sample;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.web.util.UriComponentsBuilder;

import static io.github.mcpstarter.sample.DemoAuthorizationServer.CLIENT_ID;
import static io.github.mcpstarter.sample.DemoAuthorizationServer.CLIENT_SECRET;
import static io.github.mcpstarter.sample.DemoAuthorizationServer.accessToken;
import static io.github.mcpstarter.sample.DemoAuthorizationServer.claims;
import static io.github.mcpstarter.sample.DemoAuthorizationServer.tokenRequest;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample's embedded authorization server and the security of its REST API, over real HTTP:
 * metadata, the demo client's {@code client_credentials} tokens and their audience (RFC 8707),
 * open Dynamic Client Registration (RFC 7591), the authorization code flow with PKCE as an
 * interactive client goes through it (login form, consent, refresh), and the URL rules and method
 * security of {@code /api/**}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
class EmbeddedAuthorizationServerTests extends SampleAppTestSupport {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** A plain API client: no cookies. */
	private static final HttpClient API = HttpClient.newHttpClient();

	/** A loopback redirect URI, as native MCP clients register (any port is accepted at request time). */
	private static final String REDIRECT_URI = "http://127.0.0.1:6274/oauth/callback";

	private static final List<String> OFFERED_SCOPES = List.of("orders.read", "orders.write", "inventory.read");

	private static final String VALID_ORDER = """
			{"customerEmail": "ada@example.com", "lines": [{"sku": "SKU-1002", "quantity": 1}],
			 "shippingAddress": {"street": "1 Main St", "city": "Bern", "postalCode": "3011", "country": "CH"}}""";

	/** A browser: keeps cookies (the login session), follows no redirect by itself. */
	private final HttpClient browser = HttpClient.newBuilder()
		.cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
		.followRedirects(HttpClient.Redirect.NEVER)
		.build();

	private String base;

	/** The consent page of the last {@link #authorizationCodeFlow}. */
	private HttpResponse<String> consentPage;

	@BeforeEach
	void startFromSeedData() {
		this.base = DemoAuthorizationServer.baseUrl(this.port);
	}

	// ---------------------------------------------------------------------------------------
	// Metadata
	// ---------------------------------------------------------------------------------------

	@Test
	void authorizationServerMetadataIsServedAndAdvertisesTheRegistrationEndpoint() throws Exception {
		HttpResponse<String> response = get("/.well-known/oauth-authorization-server", null);

		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode metadata = JSON.readTree(response.body());
		assertThat(metadata.at("/issuer").asString()).isEqualTo(this.base);
		assertThat(metadata.at("/registration_endpoint").asString()).isEqualTo(this.base + "/oauth2/register");
		assertThat(metadata.at("/authorization_endpoint").asString()).isEqualTo(this.base + "/oauth2/authorize");
		assertThat(metadata.at("/token_endpoint").asString()).isEqualTo(this.base + "/oauth2/token");
		assertThat(strings(metadata.at("/code_challenge_methods_supported"))).containsExactly("S256");
		assertThat(strings(metadata.at("/grant_types_supported"))).contains("authorization_code", "refresh_token",
				"client_credentials");
		assertThat(strings(metadata.at("/scopes_supported"))).containsAll(OFFERED_SCOPES);
	}

	/** Where the resource server's issuer-uri support, and OpenID clients, look first. */
	@Test
	void openIdProviderConfigurationNamesTheSameIssuer() throws Exception {
		HttpResponse<String> response = get("/.well-known/openid-configuration", null);

		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode metadata = JSON.readTree(response.body());
		assertThat(metadata.at("/issuer").asString()).isEqualTo(this.base);
		assertThat(metadata.at("/jwks_uri").asString()).isEqualTo(this.base + "/oauth2/jwks");
	}

	/** MCP Inspector runs the OAuth flow in the browser, from its own origin. */
	@Test
	void browserClientOnInspectorsOriginMayCallTheTokenEndpointButOtherOriginsMayNot() throws Exception {
		HttpResponse<String> inspector = preflight("/oauth2/token", "http://localhost:6274");
		HttpResponse<String> other = preflight("/oauth2/token", "http://evil.example");

		assertThat(inspector.statusCode()).isEqualTo(200);
		assertThat(inspector.headers().firstValue("Access-Control-Allow-Origin")).hasValue("http://localhost:6274");
		assertThat(other.statusCode()).isEqualTo(403);
		assertThat(other.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
	}

	// ---------------------------------------------------------------------------------------
	// client_credentials and the audience (RFC 8707)
	// ---------------------------------------------------------------------------------------

	@Test
	void clientCredentialsWithResourceGivesJwtWhoseAudienceIsThatResource() {
		for (String resource : List.of(this.base + "/mcp", this.base + "/sse", this.base)) {
			String token = accessToken(tokenRequest(this.port, CLIENT_ID, CLIENT_SECRET,
					Map.of("grant_type", "client_credentials", "resource", resource)));

			JsonNode claims = claims(token);
			assertThat(strings(claims.at("/aud"))).as("aud for resource %s", resource).containsExactly(resource);
			assertThat(claims.at("/iss").asString()).isEqualTo(this.base);
			assertThat(claims.at("/sub").asString()).isEqualTo(CLIENT_ID);
			assertThat(strings(claims.at("/scope"))).containsExactlyInAnyOrderElementsOf(OFFERED_SCOPES);
		}
	}

	/** Clients built on the WHATWG URL API send the origin with a trailing slash. */
	@Test
	void resourceWithTrailingSlashNamesTheSameResource() {
		String token = accessToken(tokenRequest(this.port, CLIENT_ID, CLIENT_SECRET,
				Map.of("grant_type", "client_credentials", "resource", this.base + "/")));

		assertThat(strings(claims(token).at("/aud"))).containsExactly(this.base);
	}

	/** The README's simplest request, without resource and without scope, still gives a usable token. */
	@Test
	void clientCredentialsWithoutResourceOrScopeIsForTheMcpEndpointWithAllTheClientsScopes() throws Exception {
		String token = accessToken(
				tokenRequest(this.port, CLIENT_ID, CLIENT_SECRET, Map.of("grant_type", "client_credentials")));

		JsonNode claims = claims(token);
		assertThat(strings(claims.at("/aud"))).containsExactly(this.base + "/mcp");
		assertThat(strings(claims.at("/scope"))).containsExactlyInAnyOrderElementsOf(OFFERED_SCOPES);
		assertThat(get("/api/orders", token).statusCode()).isEqualTo(200);
	}

	@Test
	void clientCredentialsForAnotherServerIsRefusedWithInvalidTarget() throws Exception {
		for (String resource : List.of("http://other.example/mcp", "http://127.0.0.1:" + this.port + "/mcp",
				this.base + "/api")) {
			HttpResponse<String> response = tokenRequest(this.port, CLIENT_ID, CLIENT_SECRET,
					Map.of("grant_type", "client_credentials", "resource", resource));

			assertThat(response.statusCode()).as("status for resource %s", resource).isEqualTo(400);
			assertThat(JSON.readTree(response.body()).at("/error").asString()).isEqualTo("invalid_target");
		}
	}

	@Test
	void clientCredentialsWithScopeTheClientDoesNotHoldIsRefused() throws Exception {
		HttpResponse<String> response = tokenRequest(this.port, CLIENT_ID, CLIENT_SECRET,
				Map.of("grant_type", "client_credentials", "scope", "orders.read admin"));

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(JSON.readTree(response.body()).at("/error").asString()).isEqualTo("invalid_scope");
	}

	@Test
	void wrongClientSecretIsRefused() {
		HttpResponse<String> response = tokenRequest(this.port, CLIENT_ID, "not-the-secret",
				Map.of("grant_type", "client_credentials"));

		assertThat(response.statusCode()).isEqualTo(401);
	}

	// ---------------------------------------------------------------------------------------
	// Dynamic Client Registration (RFC 7591)
	// ---------------------------------------------------------------------------------------

	@Test
	void dynamicClientRegistrationRegistersAPublicClientWithTheSampleScopes() throws Exception {
		HttpResponse<String> response = register(Map.of("client_name", "MCP Inspector", "redirect_uris",
				List.of(REDIRECT_URI), "grant_types", List.of("authorization_code", "refresh_token"),
				"response_types", List.of("code"), "token_endpoint_auth_method", "none", "scope",
				"orders.read orders.write inventory.read"));

		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		JsonNode client = JSON.readTree(response.body());
		assertThat(client.at("/client_id").asString()).isNotBlank();
		assertThat(client.at("/client_secret").isMissingNode()).as("a public client has no secret").isTrue();
		assertThat(client.at("/token_endpoint_auth_method").asString()).isEqualTo("none");
		assertThat(client.at("/scope").asString().split(" ")).containsExactlyInAnyOrderElementsOf(OFFERED_SCOPES);
		assertThat(strings(client.at("/redirect_uris"))).containsExactly(REDIRECT_URI);
	}

	/** Most MCP clients register no scope; they get every scope they may ask for. */
	@Test
	void clientRegisteredWithoutScopeGetsEveryRegistrableScope() throws Exception {
		HttpResponse<String> response = register(
				Map.of("redirect_uris", List.of(REDIRECT_URI), "token_endpoint_auth_method", "none"));

		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		assertThat(JSON.readTree(response.body()).at("/scope").asString().split(" "))
			.containsExactlyInAnyOrder("orders.read", "orders.write", "inventory.read", "openid", "profile", "email");
	}

	@Test
	void registrationOfStaffScopesOrOfClientCredentialsIsRefused() throws Exception {
		HttpResponse<String> admin = register(Map.of("redirect_uris", List.of(REDIRECT_URI), "scope", "orders.read admin"));
		HttpResponse<String> machine = register(
				Map.of("grant_types", List.of("client_credentials"), "token_endpoint_auth_method", "client_secret_basic"));

		assertThat(admin.statusCode()).isEqualTo(400);
		assertThat(JSON.readTree(admin.body()).at("/error").asString()).isEqualTo("invalid_client_metadata");
		assertThat(machine.statusCode()).isEqualTo(400);
		assertThat(JSON.readTree(machine.body()).at("/error").asString()).isEqualTo("invalid_client_metadata");
	}

	/**
	 * RFC 8252 (sections 7.3 and 8.3) and the MCP authorization specification ("all redirect URIs
	 * MUST be either localhost or use HTTPS"): loopback {@code http} on any port, or {@code https}.
	 */
	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "http://127.0.0.1:6274/oauth/callback", "http://127.0.0.1/callback",
			"http://localhost:33418/oauth/callback", "http://[::1]:8080/callback", "HTTP://LocalHost:3000/cb",
			"https://app.example.com/oauth/callback" })
	void registrationWithALoopbackHttpOrAnHttpsRedirectUriSucceeds(String redirectUri) throws Exception {
		HttpResponse<String> response = register(
				Map.of("redirect_uris", List.of(redirectUri), "token_endpoint_auth_method", "none"));

		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		assertThat(strings(JSON.readTree(response.body()).at("/redirect_uris"))).containsExactly(redirectUri);
	}

	/**
	 * Anything else could deliver the demo user's authorization code to another host or program:
	 * plain http to a remote host, look-alike hosts, files, private-use schemes (which the MCP
	 * specification does not allow), and URIs without a host.
	 */
	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "http://evil.example/cb", "file:///etc/passwd", "myapp://callback",
			"com.example.app:/oauth/callback", "http://localhost.evil.example/cb", "http://127.0.0.1.nip.io/cb",
			"http://localhost@evil.example/cb", "http://127.0.0.2/cb", "ftp://127.0.0.1/cb", "https:/no-host",
			"https:///no-host", "javascript:alert(1)", "/relative/callback", "http://127.0.0.1:6274/cb#fragment" })
	void registrationWithARedirectUriThatIsNeitherLoopbackHttpNorHttpsIsRefused(String redirectUri) throws Exception {
		HttpResponse<String> response = register(
				Map.of("redirect_uris", List.of(redirectUri), "token_endpoint_auth_method", "none"));

		assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
		assertThat(JSON.readTree(response.body()).at("/error").asString()).isEqualTo("invalid_redirect_uri");
	}

	/** One bad URI among good ones refuses the whole registration: no client can ever use it. */
	@Test
	void registrationWithOneBadRedirectUriAmongGoodOnesIsRefused() throws Exception {
		HttpResponse<String> response = register(Map.of("redirect_uris",
				List.of(REDIRECT_URI, "http://evil.example/cb"), "token_endpoint_auth_method", "none"));

		assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
		JsonNode error = JSON.readTree(response.body());
		assertThat(error.at("/error").asString()).isEqualTo("invalid_redirect_uri");
		assertThat(error.at("/error_description").asString()).contains("redirect_uris")
			.contains("http://evil.example/cb");
	}

	/** The demo user's code never goes to a host the client did not register, logged in or not. */
	@Test
	void authorizationRequestWithAnUnregisteredRedirectUriIsNotRedirectedThere() throws Exception {
		String clientId = JSON
			.readTree(register(Map.of("redirect_uris", List.of(REDIRECT_URI), "token_endpoint_auth_method", "none"))
				.body())
			.at("/client_id")
			.asString();
		logInAsTheDemoUser();

		URI uri = UriComponentsBuilder.fromUriString(this.base + "/oauth2/authorize")
			.queryParam("response_type", "code")
			.queryParam("client_id", clientId)
			.queryParam("redirect_uri", "http://evil.example/cb")
			.queryParam("scope", "orders.read")
			.queryParam("state", "xyz")
			.queryParam("code_challenge", pkceChallenge("a-verifier-of-at-least-forty-three-characters-0123456789"))
			.queryParam("code_challenge_method", "S256")
			.encode()
			.build()
			.toUri();
		HttpResponse<String> response = browse(HttpRequest.newBuilder(uri).header("Accept", "text/html").GET());

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Location")).isEmpty();
	}

	// ---------------------------------------------------------------------------------------
	// The consent page
	// ---------------------------------------------------------------------------------------

	/**
	 * The user must be able to tell who asks: the name the client registered and the host the
	 * code will go to (MCP authorization specification: "MUST clearly display the redirect URI
	 * hostname"), both HTML-escaped, since anyone may register any name.
	 */
	@Test
	void consentPageShowsTheClientsNameAndRedirectHostEscaped() throws Exception {
		String name = "<script>alert('owned')</script> & Co";
		String clientId = JSON.readTree(register(Map.of("client_name", name, "redirect_uris", List.of(REDIRECT_URI),
				"token_endpoint_auth_method", "none"))
			.body())
			.at("/client_id")
			.asString();

		authorizationCodeFlow(clientId, null, "orders.read", this.base + "/mcp");

		assertThat(this.consentPage.statusCode()).isEqualTo(200);
		assertThat(this.consentPage.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("text/html"));
		String page = this.consentPage.body();
		assertThat(page).contains("&lt;script&gt;alert(&#39;owned&#39;)&lt;/script&gt; &amp; Co")
			.doesNotContain("<script")
			.contains("127.0.0.1")
			.contains("orders.read");
	}

	/** A client that registered no name is shown by its id; an https redirect URI by its host. */
	@Test
	void consentPageOfAClientWithoutNameShowsItsIdAndTheHttpsHost() throws Exception {
		String httpsRedirect = "https://app.example.com/oauth/callback";
		String clientId = JSON
			.readTree(register(Map.of("redirect_uris", List.of(httpsRedirect), "token_endpoint_auth_method", "none"))
				.body())
			.at("/client_id")
			.asString();
		logInAsTheDemoUser();

		URI uri = UriComponentsBuilder.fromUriString(this.base + "/oauth2/authorize")
			.queryParam("response_type", "code")
			.queryParam("client_id", clientId)
			.queryParam("redirect_uri", httpsRedirect)
			.queryParam("scope", "orders.read")
			.queryParam("state", "xyz")
			.queryParam("code_challenge", pkceChallenge("a-verifier-of-at-least-forty-three-characters-0123456789"))
			.queryParam("code_challenge_method", "S256")
			.encode()
			.build()
			.toUri();
		HttpResponse<String> page = followToConsentPage(
				browse(HttpRequest.newBuilder(uri).header("Accept", "text/html").GET()));

		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains(clientId).contains("app.example.com");
	}

	/** Anyone could otherwise make the page show any registered client's name, as a lure. */
	@Test
	void consentPageForNoPendingRequestOfTheUserIsRefused() throws Exception {
		String clientId = JSON.readTree(register(Map.of("client_name", "Trusted Tool", "redirect_uris",
				List.of(REDIRECT_URI), "token_endpoint_auth_method", "none"))
			.body())
			.at("/client_id")
			.asString();
		URI consentPage = UriComponentsBuilder.fromUriString(this.base + "/oauth2/consent")
			.queryParam("client_id", clientId)
			.queryParam("scope", "orders.read")
			.queryParam("state", "made-up")
			.encode()
			.build()
			.toUri();

		HttpResponse<String> anonymous = browse(HttpRequest.newBuilder(consentPage).header("Accept", "text/html").GET());
		assertThat(anonymous.statusCode()).isEqualTo(302);
		assertThat(location(anonymous)).startsWith(this.base + "/login");

		logInAsTheDemoUser();
		HttpResponse<String> loggedIn = browse(HttpRequest.newBuilder(consentPage).header("Accept", "text/html").GET());
		assertThat(loggedIn.statusCode()).isEqualTo(400);
		assertThat(loggedIn.body()).doesNotContain("Trusted Tool");
	}

	/** The deny form posts no scope: the client gets access_denied and no code. */
	@Test
	void denyingOnTheConsentPageSendsAccessDeniedToTheClient() throws Exception {
		String clientId = JSON
			.readTree(register(Map.of("redirect_uris", List.of(REDIRECT_URI), "token_endpoint_auth_method", "none"))
				.body())
			.at("/client_id")
			.asString();
		logInAsTheDemoUser();
		HttpResponse<String> page = followToConsentPage(browse(authorizationRequest(clientId, "orders.read",
				this.base + "/mcp", pkceChallenge("a-verifier-of-at-least-forty-three-characters-0123456789"))));
		assertThat(page.statusCode()).isEqualTo(200);

		HttpResponse<String> denied = browse(HttpRequest.newBuilder(URI.create(this.base + "/oauth2/authorize"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(DemoAuthorizationServer
				.form(Map.of("client_id", clientId, "state", hiddenField(page.body(), "state"))))));

		assertThat(denied.statusCode()).isEqualTo(302);
		assertThat(location(denied)).startsWith(REDIRECT_URI).contains("error=access_denied").doesNotContain("code=");
	}

	// ---------------------------------------------------------------------------------------
	// Authorization code with PKCE, as an interactive client (MCP Inspector, VS Code) goes through it
	// ---------------------------------------------------------------------------------------

	@Test
	void confidentialClientLogsInConsentsAndGetsTokensForTheResourceWithARefreshToken() throws Exception {
		JsonNode client = JSON.readTree(register(Map.of("client_name", "interactive", "redirect_uris",
				List.of(REDIRECT_URI), "grant_types", List.of("authorization_code", "refresh_token"),
				"token_endpoint_auth_method", "client_secret_basic"))
			.body());
		String clientId = client.at("/client_id").asString();
		String clientSecret = client.at("/client_secret").asString();

		JsonNode tokens = authorizationCodeFlow(clientId, clientSecret, "orders.read orders.write",
				this.base + "/mcp");

		String accessToken = tokens.at("/access_token").asString();
		JsonNode claims = claims(accessToken);
		assertThat(claims.at("/sub").asString()).isEqualTo(DemoAuthorizationServer.USERNAME);
		// resource was sent on the authorization request only.
		assertThat(strings(claims.at("/aud"))).containsExactly(this.base + "/mcp");
		assertThat(strings(claims.at("/scope"))).containsExactlyInAnyOrder("orders.read", "orders.write");
		assertThat(get("/api/orders", accessToken).statusCode()).isEqualTo(200);
		assertThat(get("/api/reports/inventory-valuation?auditMillis=0", accessToken).statusCode())
			.as("not consented to inventory.read")
			.isEqualTo(403);

		String refreshToken = tokens.at("/refresh_token").asString();
		assertThat(refreshToken).as("a confidential client gets a refresh token: %s", tokens).isNotBlank();
		String refreshed = accessToken(tokenRequest(this.port, clientId, clientSecret,
				Map.of("grant_type", "refresh_token", "refresh_token", refreshToken)));
		assertThat(strings(claims(refreshed).at("/aud"))).containsExactly(this.base + "/mcp");
		assertThat(get("/api/orders/1", refreshed).statusCode()).isEqualTo(200);
	}

	/** Spring Authorization Server issues no refresh token to a public client (see the README). */
	@Test
	void publicClientGetsAnAccessTokenWithoutRefreshToken() throws Exception {
		String clientId = JSON.readTree(register(Map.of("redirect_uris", List.of(REDIRECT_URI),
				"grant_types", List.of("authorization_code", "refresh_token"), "token_endpoint_auth_method", "none"))
			.body())
			.at("/client_id")
			.asString();

		JsonNode tokens = authorizationCodeFlow(clientId, null, "orders.read", this.base);

		assertThat(strings(claims(tokens.at("/access_token").asString()).at("/aud"))).containsExactly(this.base);
		assertThat(tokens.at("/refresh_token").isMissingNode()).as("tokens %s", tokens).isTrue();
	}

	/** Refused before anyone logs in, back to the client's redirect URI. */
	@Test
	void authorizationRequestForAnotherServerIsRefusedWithInvalidTarget() throws Exception {
		String clientId = JSON
			.readTree(register(Map.of("redirect_uris", List.of(REDIRECT_URI), "token_endpoint_auth_method", "none"))
				.body())
			.at("/client_id")
			.asString();

		HttpResponse<String> response = browse(authorizationRequest(clientId, "orders.read", "http://other.example/mcp",
				pkceChallenge("a-verifier-of-at-least-forty-three-characters-0123456789")));

		assertThat(response.statusCode()).isEqualTo(302);
		String location = response.headers().firstValue("Location").orElseThrow();
		assertThat(location).startsWith(REDIRECT_URI).contains("error=invalid_target").contains("state=xyz");
	}

	// ---------------------------------------------------------------------------------------
	// The REST API: URL rules and method security
	// ---------------------------------------------------------------------------------------

	@Test
	void restCallWithoutTokenIsUnauthorizedAndPointsToTheResourceMetadata() throws Exception {
		HttpResponse<String> response = get("/api/orders", null);

		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
				(challenge) -> assertThat(challenge).startsWith("Bearer")
					.contains("resource_metadata=\"" + this.base + "/.well-known/oauth-protected-resource"));
	}

	@Test
	void restCallWithTheDemoClientsTokenSucceeds() throws Exception {
		String token = DemoAuthorizationServer.demoClientToken(this.port);

		assertThat(get("/api/orders", token).statusCode()).isEqualTo(200);
		assertThat(get("/api/products/SKU-1001", token).statusCode()).isEqualTo(200);
		assertThat(get("/api/reports/inventory-valuation?auditMillis=0", token).statusCode()).isEqualTo(200);
		assertThat(post("/api/orders", VALID_ORDER, token).statusCode()).isEqualTo(201);
	}

	@Test
	void writeWithoutTheWriteScopeIsForbidden() throws Exception {
		String readOnly = DemoAuthorizationServer.demoClientToken(this.port, "orders.read");

		assertThat(get("/api/orders/1", readOnly).statusCode()).isEqualTo(200);
		HttpResponse<String> create = post("/api/orders", VALID_ORDER, readOnly);
		assertThat(create.statusCode()).isEqualTo(403);
		assertThat(create.headers().firstValue("WWW-Authenticate"))
			.hasValueSatisfying((challenge) -> assertThat(challenge).contains("insufficient_scope"));
		assertThat(delete("/api/orders/1", readOnly).statusCode()).isEqualTo(403);
		assertThat(get("/api/orders", readOnly).body()).contains("\"totalElements\":3");
	}

	/** The reports are guarded by their URL rule alone. */
	@Test
	void reportsWithoutInventoryReadAreForbidden() throws Exception {
		String ordersOnly = DemoAuthorizationServer.demoClientToken(this.port, "orders.read orders.write");

		assertThat(get("/api/reports/inventory-valuation?auditMillis=0", ordersOnly).statusCode()).isEqualTo(403);
	}

	@Test
	void adminStatsWithTheDemoClientsTokenAreForbidden() throws Exception {
		String token = DemoAuthorizationServer.demoClientToken(this.port);

		assertThat(get("/api/admin/stats", token).statusCode()).isEqualTo(403);
		assertThat(post("/api/products/SKU-1005/restock", "{\"quantity\": 5}", token).statusCode())
			.as("restocking needs inventory.write")
			.isEqualTo(403);
	}

	@Test
	void invalidTokenIsUnauthorized() throws Exception {
		String token = DemoAuthorizationServer.demoClientToken(this.port);
		String tampered = token.substring(0, token.length() - 4) + "AAAA";

		assertThat(get("/api/orders", tampered).statusCode()).isEqualTo(401);
		assertThat(get("/api/orders", "not-a-jwt").statusCode()).isEqualTo(401);
	}

	// ---------------------------------------------------------------------------------------
	// Helpers
	// ---------------------------------------------------------------------------------------

	/**
	 * The whole authorization code flow with PKCE in this test's browser: the authorization
	 * request, the login form of the demo user (first time only), the consent page, and the token
	 * request. Returns the token response.
	 */
	private JsonNode authorizationCodeFlow(String clientId, String clientSecret, String scope, String resource)
			throws Exception {
		String verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(
				MessageDigest.getInstance("SHA-256").digest((clientId + System.nanoTime()).getBytes(StandardCharsets.UTF_8)));
		HttpResponse<String> response = browse(
				authorizationRequest(clientId, scope, resource, pkceChallenge(verifier)));
		assertThat(response.statusCode()).as("authorization request: %s", response.body()).isEqualTo(302);
		String location = location(response);
		if (location.startsWith(this.base + "/login")) {
			HttpResponse<String> loginPage = browse(HttpRequest.newBuilder(URI.create(location)).GET());
			assertThat(loginPage.statusCode()).isEqualTo(200);
			HttpResponse<String> login = browse(HttpRequest.newBuilder(URI.create(this.base + "/login"))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(DemoAuthorizationServer.form(Map.of("username",
						DemoAuthorizationServer.USERNAME, "password", DemoAuthorizationServer.PASSWORD, "_csrf",
						hiddenField(loginPage.body(), "_csrf"))))));
			assertThat(login.statusCode()).as("login: %s", login.body()).isEqualTo(302);
			location = location(login);
			assertThat(location).startsWith(this.base + "/oauth2/authorize");
			response = browse(HttpRequest.newBuilder(URI.create(location)).GET());
		}
		// The consent page: the user ticks every scope asked for.
		response = followToConsentPage(response);
		this.consentPage = response;
		assertThat(response.statusCode()).as("consent page: %s", response.headers().map()).isEqualTo(200);
		String consentPage = response.body();
		assertThat(consentPage).contains(clientId);
		Map<String, String> consent = new LinkedHashMap<>();
		consent.put("client_id", clientId);
		consent.put("state", hiddenField(consentPage, "state"));
		StringBuilder form = new StringBuilder(DemoAuthorizationServer.form(consent));
		for (String granted : scope.split(" ")) {
			form.append('&').append(DemoAuthorizationServer.form(Map.of("scope", granted)));
		}
		HttpResponse<String> approved = browse(HttpRequest.newBuilder(URI.create(this.base + "/oauth2/authorize"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form.toString())));
		assertThat(approved.statusCode()).as("consent: %s", approved.body()).isEqualTo(302);
		String callback = location(approved);
		assertThat(callback).startsWith(REDIRECT_URI);
		Map<String, String> callbackParameters = UriComponentsBuilder.fromUriString(callback)
			.build()
			.getQueryParams()
			.toSingleValueMap();
		assertThat(callbackParameters).containsEntry("state", "xyz").containsKey("code");

		Map<String, String> tokenForm = new LinkedHashMap<>();
		tokenForm.put("grant_type", "authorization_code");
		tokenForm.put("code", callbackParameters.get("code"));
		tokenForm.put("redirect_uri", REDIRECT_URI);
		tokenForm.put("code_verifier", verifier);
		if (clientSecret == null) {
			tokenForm.put("client_id", clientId);
		}
		HttpResponse<String> tokens = tokenRequest(this.port, clientId, clientSecret, tokenForm);
		assertThat(tokens.statusCode()).as("token response: %s", tokens.body()).isEqualTo(200);
		return JSON.readTree(tokens.body());
	}

	/** The authorization endpoint sends the browser to the consent page, on this server. */
	private HttpResponse<String> followToConsentPage(HttpResponse<String> response) throws Exception {
		if (response.statusCode() != 302) {
			return response;
		}
		String location = location(response);
		assertThat(location).startsWith(this.base + "/oauth2/consent");
		return browse(HttpRequest.newBuilder(URI.create(location)).header("Accept", "text/html").GET());
	}

	/** Logs the demo user in on the form, so that the browser has a session. */
	private void logInAsTheDemoUser() throws Exception {
		HttpResponse<String> loginPage = browse(HttpRequest.newBuilder(URI.create(this.base + "/login")).GET());
		assertThat(loginPage.statusCode()).isEqualTo(200);
		HttpResponse<String> login = browse(HttpRequest.newBuilder(URI.create(this.base + "/login"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(DemoAuthorizationServer.form(Map.of("username",
					DemoAuthorizationServer.USERNAME, "password", DemoAuthorizationServer.PASSWORD, "_csrf",
					hiddenField(loginPage.body(), "_csrf"))))));
		assertThat(login.statusCode()).as("login: %s", login.body()).isEqualTo(302);
	}

	private HttpRequest.Builder authorizationRequest(String clientId, String scope, String resource,
			String codeChallenge) {
		URI uri = UriComponentsBuilder.fromUriString(this.base + "/oauth2/authorize")
			.queryParam("response_type", "code")
			.queryParam("client_id", clientId)
			.queryParam("redirect_uri", REDIRECT_URI)
			.queryParam("scope", scope)
			.queryParam("state", "xyz")
			.queryParam("code_challenge", codeChallenge)
			.queryParam("code_challenge_method", "S256")
			.queryParam("resource", resource)
			.encode()
			.build()
			.toUri();
		return HttpRequest.newBuilder(uri).header("Accept", "text/html").GET();
	}

	private static String pkceChallenge(String verifier) throws NoSuchAlgorithmException {
		return Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString(MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
	}

	private String location(HttpResponse<String> response) {
		String location = response.headers().firstValue("Location").orElseThrow();
		return URI.create(this.base + "/").resolve(location).toString();
	}

	private static String hiddenField(String html, String name) {
		Matcher matcher = Pattern.compile("<input[^>]*name=\"" + Pattern.quote(name) + "\"[^>]*value=\"([^\"]*)\"")
			.matcher(html);
		assertThat(matcher.find()).as("hidden field %s in %s", name, html).isTrue();
		return matcher.group(1).replace("&amp;", "&");
	}

	private HttpResponse<String> register(Map<String, Object> metadata) throws Exception {
		return send(HttpRequest.newBuilder(URI.create(this.base + "/oauth2/register"))
			.header("Content-Type", "application/json")
			.header("Accept", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(metadata))));
	}

	private HttpResponse<String> preflight(String path, String origin) throws Exception {
		return send(HttpRequest.newBuilder(URI.create(this.base + path))
			.header("Origin", origin)
			.header("Access-Control-Request-Method", "POST")
			.header("Access-Control-Request-Headers", "content-type")
			.method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
	}

	private HttpResponse<String> get(String path, String token) throws Exception {
		return send(withToken(HttpRequest.newBuilder(URI.create(this.base + path)).GET(), token));
	}

	private HttpResponse<String> post(String path, String json, String token) throws Exception {
		return send(withToken(HttpRequest.newBuilder(URI.create(this.base + path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json)), token));
	}

	private HttpResponse<String> delete(String path, String token) throws Exception {
		return send(withToken(HttpRequest.newBuilder(URI.create(this.base + path)).DELETE(), token));
	}

	private static HttpRequest.Builder withToken(HttpRequest.Builder request, String token) {
		request.header("Accept", "application/json");
		return (token != null) ? request.header("Authorization", "Bearer " + token) : request;
	}

	/** Without the browser's cookies. */
	private static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
		return API.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
	}

	/** With the browser's cookies: the login session. */
	private HttpResponse<String> browse(HttpRequest.Builder request) throws IOException, InterruptedException {
		return this.browser.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
	}

	private static List<String> strings(JsonNode node) {
		return node.isArray() ? node.valueStream().map(JsonNode::asString).toList() : List.of(node.asString());
	}

}
