package bench.driver;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The harness's key pair and the JWTs it signs: real RS256 tokens, checked by the servers against
 * the public key ({@code spring.security.oauth2.resourceserver.jwt.public-key-location}).
 */
final class Jwts {

	private Jwts() {
	}

	/** Writes {@code public.pem} (X.509) and {@code private.pk8} (PKCS#8, DER) into {@code dir}. */
	static void generate(Path dir) throws Exception {
		Files.createDirectories(dir);
		KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
		generator.initialize(2048);
		KeyPair pair = generator.generateKeyPair();
		String pem = "-----BEGIN PUBLIC KEY-----\n"
				+ Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(pair.getPublic().getEncoded())
				+ "\n-----END PUBLIC KEY-----\n";
		Files.writeString(dir.resolve("public.pem"), pem);
		Files.write(dir.resolve("private.pk8"), pair.getPrivate().getEncoded());
	}

	/**
	 * A token for the server at {@code baseUrl}: its audience names the server and its two MCP
	 * endpoints, as an authorization server would for an RFC 8707 resource. Valid for 12 hours.
	 */
	static String token(Path dir, String baseUrl) throws Exception {
		return token(dir, baseUrl, "bench-user");
	}

	/**
	 * A token for one user: each worker of a cell calls as a user of its own, as the many users of
	 * a real service do (the server's per-principal session and stream quotas count per user).
	 */
	static String token(Path dir, String baseUrl, String subject) throws Exception {
		PrivateKey key = KeyFactory.getInstance("RSA")
			.generatePrivate(new PKCS8EncodedKeySpec(Files.readAllBytes(dir.resolve("private.pk8"))));
		long now = Instant.now().getEpochSecond();
		List<String> audiences = List.of(baseUrl, baseUrl + "/mcp", baseUrl + "/sse");
		String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\"}";
		String claims = "{\"iss\":\"https://bench.example\",\"sub\":\"" + subject + "\",\"aud\":["
				+ audiences.stream().map((a) -> "\"" + a + "\"").collect(Collectors.joining(",")) + "],\"iat\":" + now
				+ ",\"nbf\":" + now + ",\"exp\":" + (now + 12 * 3600) + ",\"jti\":\"" + UUID.randomUUID()
				+ "\",\"scope\":\"bench\"}";
		Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
		String signingInput = base64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
				+ base64.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
		Signature signature = Signature.getInstance("SHA256withRSA");
		signature.initSign(key);
		signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
		return signingInput + "." + base64.encodeToString(signature.sign());
	}

	static void requireDir(Path dir) throws IOException {
		if (!Files.isRegularFile(dir.resolve("private.pk8"))) {
			throw new IOException("No key pair in " + dir + "; run: keygen " + dir);
		}
	}

}
