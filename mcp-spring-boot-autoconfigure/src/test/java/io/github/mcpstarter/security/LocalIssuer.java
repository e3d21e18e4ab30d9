package io.github.mcpstarter.security;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A real OAuth2 issuer for the security tests: an OIDC discovery document and a JWK set served
 * over HTTP from 127.0.0.1, and RSA-signed JWTs minted with its key.
 *
 * <p>One instance serves the whole test run ({@link #get()}), so that every Spring context, cached
 * or not, trusts the same issuer and key. It runs on daemon threads and dies with the JVM.
 */
final class LocalIssuer {

	/** The {@code kid} of the key the JWK set publishes. */
	static final String KEY_ID = "mcp-test-key";

	private static final LocalIssuer INSTANCE = start();

	private final HttpServer server;

	private final String issuer;

	private final RSAKey signingKey;

	/** A key the issuer does not publish: a stranger's. */
	private final RSAKey strangerKey;

	private final AtomicInteger discoveryRequests = new AtomicInteger();

	private LocalIssuer(HttpServer server, RSAKey signingKey, RSAKey strangerKey) {
		this.server = server;
		this.issuer = "http://127.0.0.1:" + server.getAddress().getPort();
		this.signingKey = signingKey;
		this.strangerKey = strangerKey;
	}

	static LocalIssuer get() {
		return INSTANCE;
	}

	private static LocalIssuer start() {
		try {
			RSAKey signingKey = new RSAKeyGenerator(2048).keyID(KEY_ID).keyUse(KeyUse.SIGNATURE).generate();
			RSAKey strangerKey = new RSAKeyGenerator(2048).keyID("stranger-key").keyUse(KeyUse.SIGNATURE).generate();
			HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
			ExecutorService executor = Executors.newCachedThreadPool((task) -> {
				Thread thread = new Thread(task, "test-issuer");
				thread.setDaemon(true);
				return thread;
			});
			server.setExecutor(executor);
			LocalIssuer issuer = new LocalIssuer(server, signingKey, strangerKey);
			String jwks = new JWKSet(signingKey.toPublicJWK()).toString();
			server.createContext("/.well-known/openid-configuration", (exchange) -> {
				issuer.discoveryRequests.incrementAndGet();
				respond(exchange, 200, """
						{"issuer":"%1$s","jwks_uri":"%1$s/jwks","subject_types_supported":["public"],\
						"id_token_signing_alg_values_supported":["RS256"],"response_types_supported":["code"],\
						"authorization_endpoint":"%1$s/authorize","token_endpoint":"%1$s/token"}"""
					.formatted(issuer.issuer));
			});
			server.createContext("/jwks", (exchange) -> respond(exchange, 200, jwks));
			server.createContext("/", (exchange) -> respond(exchange, 404, "{\"error\":\"not_found\"}"));
			server.start();
			return issuer;
		}
		catch (JOSEException | IOException ex) {
			throw new IllegalStateException("The test issuer did not start", ex);
		}
	}

	private static void respond(HttpExchange exchange, int status, String json) throws IOException {
		byte[] body = json.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

	/** The issuer identifier, {@code http://127.0.0.1:<port>}, without a trailing slash. */
	String issuer() {
		return this.issuer;
	}

	/** How often the discovery document was fetched: proof that the issuer is really asked. */
	int discoveryRequests() {
		return this.discoveryRequests.get();
	}

	/** Points Boot's resource server at this issuer. */
	static void registerIssuerUri(DynamicPropertyRegistry registry) {
		registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", () -> get().issuer());
	}

	/** A token for a subject, to complete and sign. */
	Token token(String subject) {
		return new Token(subject);
	}

	/** The encoded public key, as a naive HMAC secret for the algorithm-confusion attack. */
	byte[] publicKeyBytes() {
		try {
			return this.signingKey.toRSAPublicKey().getEncoded();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * A JWT being built: valid (this issuer, 5 minutes to live, RS256 with the published key) unless
	 * told otherwise.
	 */
	final class Token {

		private final String subject;

		private String tokenIssuer = LocalIssuer.this.issuer;

		private final List<String> audiences = new ArrayList<>();

		private final List<String> scopes = new ArrayList<>();

		private Instant issuedAt = Instant.now();

		private Instant expiresAt = Instant.now().plus(Duration.ofMinutes(5));

		private Instant notBefore;

		private RSAKey key = LocalIssuer.this.signingKey;

		private String keyId = KEY_ID;

		private final java.util.Map<String, Object> extraClaims = new java.util.LinkedHashMap<>();

		private Token(String subject) {
			this.subject = subject;
		}

		Token claim(String name, Object value) {
			this.extraClaims.put(name, value);
			return this;
		}

		Token audience(String... audiences) {
			this.audiences.addAll(List.of(audiences));
			return this;
		}

		Token scopes(String... scopes) {
			this.scopes.addAll(List.of(scopes));
			return this;
		}

		Token issuer(String issuer) {
			this.tokenIssuer = issuer;
			return this;
		}

		Token expiresAt(Instant expiresAt) {
			this.expiresAt = expiresAt;
			return this;
		}

		Token issuedAt(Instant issuedAt) {
			this.issuedAt = issuedAt;
			return this;
		}

		Token notBefore(Instant notBefore) {
			this.notBefore = notBefore;
			return this;
		}

		/** Signs with a key the issuer does not publish, under a {@code kid} it does not know. */
		Token signedByStranger() {
			this.key = LocalIssuer.this.strangerKey;
			this.keyId = LocalIssuer.this.strangerKey.getKeyID();
			return this;
		}

		/** Signs with a key the issuer does not publish, claiming the {@code kid} of the one it does. */
		Token signedByStrangerClaimingTheIssuersKeyId() {
			this.key = LocalIssuer.this.strangerKey;
			this.keyId = KEY_ID;
			return this;
		}

		JWTClaimsSet claims() {
			JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(this.tokenIssuer)
				.subject(this.subject)
				.issueTime(Date.from(this.issuedAt))
				.expirationTime(Date.from(this.expiresAt))
				.jwtID(UUID.randomUUID().toString());
			if (!this.audiences.isEmpty()) {
				claims.audience(this.audiences);
			}
			if (!this.scopes.isEmpty()) {
				claims.claim("scope", String.join(" ", this.scopes));
			}
			if (this.notBefore != null) {
				claims.notBeforeTime(Date.from(this.notBefore));
			}
			this.extraClaims.forEach(claims::claim);
			return claims.build();
		}

		/** RS256, signed. */
		String sign() {
			try {
				SignedJWT jwt = new SignedJWT(
						new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(this.keyId).type(JOSEObjectType.JWT).build(),
						claims());
				jwt.sign(new RSASSASigner(this.key));
				return jwt.serialize();
			}
			catch (JOSEException ex) {
				throw new IllegalStateException(ex);
			}
		}

		/** {@code alg: none}: the claims with no signature at all. */
		String unsigned() {
			return new PlainJWT(claims()).serialize();
		}

		/** HS256 with the issuer's public key (its X.509 encoding) as the shared secret. */
		String signedWithPublicKeyAsHmacSecret() {
			try {
				SignedJWT jwt = new SignedJWT(
						new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(KEY_ID).type(JOSEObjectType.JWT).build(),
						claims());
				jwt.sign(new MACSigner(publicKeyBytes()));
				return jwt.serialize();
			}
			catch (JOSEException ex) {
				throw new IllegalStateException(ex);
			}
		}

	}

	/**
	 * A signed token whose payload was altered after signing by one character: the decoded JSON
	 * stays well-formed, so only the signature can tell.
	 */
	static String tamperWithPayload(String jwt) {
		String[] parts = jwt.split("\\.");
		String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
		int at = payload.indexOf("\"sub\":\"") + "\"sub\":\"".length();
		char flipped = (char) (payload.charAt(at) ^ 1);
		String altered = payload.substring(0, at) + flipped + payload.substring(at + 1);
		return parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
			.encodeToString(altered.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
	}

	/** A signed token with one character of its encoded payload flipped. */
	static String flipCharacterOfEncodedPayload(String jwt) {
		String[] parts = jwt.split("\\.");
		char[] payload = parts[1].toCharArray();
		int at = payload.length / 2;
		payload[at] = (payload[at] == 'A') ? 'B' : 'A';
		return parts[0] + "." + new String(payload) + "." + parts[2];
	}

}
