package io.github.mcpstarter.security;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.oauth2.core.DefaultOAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What a decoder or introspector wrapped by {@link VerifiedBearerTokenPostProcessor} reuses, and
 * when it verifies as usual: only the first token verified inside the scope of one request, on
 * its thread, by the same verifier. The verifiers here count calls; the end-to-end proof with real
 * signed tokens is {@link VerifiedBearerTokensTests}.
 */
class VerifiedBearerTokenPostProcessorTests {

	private final VerifiedBearerTokenPostProcessor postProcessor = new VerifiedBearerTokenPostProcessor();

	@Test
	void sameTokenVerifiedAgainWithinTheScopeIsAnsweredWithTheFirstVerification() throws Exception {
		CountingDecoder counting = new CountingDecoder();
		JwtDecoder decoder = wrap(counting);
		withinScope(() -> {
			Jwt first = decoder.decode("alice-token");
			assertThat(decoder.decode("alice-token")).isSameAs(first);
		});
		assertThat(counting.verifications.get()).isEqualTo(1);
	}

	@Test
	void outsideAnyScopeEveryDecodeVerifies() {
		CountingDecoder counting = new CountingDecoder();
		JwtDecoder decoder = wrap(counting);
		decoder.decode("alice-token");
		decoder.decode("alice-token");
		assertThat(counting.verifications.get()).isEqualTo(2);
	}

	@Test
	void scopeEndsWithTheRequest() throws Exception {
		CountingDecoder counting = new CountingDecoder();
		JwtDecoder decoder = wrap(counting);
		withinScope(() -> decoder.decode("alice-token"));
		decoder.decode("alice-token");
		withinScope(() -> decoder.decode("alice-token"));
		assertThat(counting.verifications.get()).isEqualTo(3);
	}

	@Test
	void anotherTokenWithinTheScopeIsVerifiedEveryTime() throws Exception {
		CountingDecoder counting = new CountingDecoder();
		JwtDecoder decoder = wrap(counting);
		withinScope(() -> {
			decoder.decode("alice-token");
			assertThat(decoder.decode("mallory-token").getSubject()).isEqualTo("mallory-token");
			decoder.decode("mallory-token");
		});
		assertThat(counting.verifications.get()).isEqualTo(3);
	}

	@Test
	void anotherDecoderVerifiesTheSameTokenItself() throws Exception {
		CountingDecoder firstCounting = new CountingDecoder();
		CountingDecoder otherCounting = new CountingDecoder();
		JwtDecoder first = wrap(firstCounting);
		JwtDecoder other = wrap(otherCounting);
		withinScope(() -> {
			first.decode("alice-token");
			other.decode("alice-token");
		});
		assertThat(firstCounting.verifications.get()).isEqualTo(1);
		assertThat(otherCounting.verifications.get()).isEqualTo(1);
	}

	@Test
	void refusedFirstTokenIsNotRememberedNorIsAnyTokenAfterIt() throws Exception {
		CountingDecoder counting = new CountingDecoder();
		JwtDecoder decoder = wrap(counting);
		withinScope(() -> {
			assertThatExceptionOfType(BadJwtException.class).isThrownBy(() -> decoder.decode("forged"));
			assertThatExceptionOfType(BadJwtException.class).isThrownBy(() -> decoder.decode("forged"));
			decoder.decode("alice-token");
			decoder.decode("alice-token");
		});
		assertThat(counting.verifications.get()).isEqualTo(4);
	}

	@Test
	void anotherThreadWithinTheRequestVerifiesAgain() throws Exception {
		CountingDecoder counting = new CountingDecoder();
		JwtDecoder decoder = wrap(counting);
		withinScope(() -> {
			decoder.decode("alice-token");
			CompletableFuture.runAsync(() -> decoder.decode("alice-token")).join();
		});
		assertThat(counting.verifications.get()).isEqualTo(2);
	}

	@Test
	void introspectorOfAnExtensibleClassKeepsItsClassAndIntrospectsOncePerScope() throws Exception {
		CountingIntrospector counting = new CountingIntrospector();
		Object wrapped = this.postProcessor.postProcessAfterInitialization(counting, "introspector");
		assertThat(wrapped).isNotSameAs(counting).isInstanceOf(CountingIntrospector.class);
		OpaqueTokenIntrospector introspector = (OpaqueTokenIntrospector) wrapped;
		withinScope(() -> {
			OAuth2AuthenticatedPrincipal first = introspector.introspect("opaque");
			assertThat(introspector.introspect("opaque")).isSameAs(first);
		});
		assertThat(counting.verifications.get()).isEqualTo(1);
	}

	@Test
	void otherBeansAreLeftAsTheyAre() {
		Object bean = new Object();
		assertThat(this.postProcessor.postProcessAfterInitialization(bean, "bean")).isSameAs(bean);
	}

	private JwtDecoder wrap(CountingDecoder decoder) {
		Object wrapped = this.postProcessor.postProcessAfterInitialization(decoder, "decoder");
		assertThat(wrapped).isNotSameAs(decoder);
		return (JwtDecoder) wrapped;
	}

	private static void withinScope(Runnable request) throws Exception {
		VerifiedBearerTokens.scopeFilter()
			.doFilter(new MockHttpServletRequest(), new MockHttpServletResponse(), (req, res) -> request.run());
	}

	/** Final, as {@code NimbusJwtDecoder} is: wrapped by interface. Refuses {@code forged}. */
	static final class CountingDecoder implements JwtDecoder {

		final AtomicInteger verifications = new AtomicInteger();

		@Override
		public Jwt decode(String token) {
			this.verifications.incrementAndGet();
			if (token.equals("forged")) {
				throw new BadJwtException("bad signature");
			}
			return Jwt.withTokenValue(token).header("alg", "RS256").subject(token).build();
		}

	}

	/** Extensible, as Boot's {@code SpringOpaqueTokenIntrospector} is: wrapped by class. */
	static class CountingIntrospector implements OpaqueTokenIntrospector {

		final AtomicInteger verifications = new AtomicInteger();

		@Override
		public OAuth2AuthenticatedPrincipal introspect(String token) {
			this.verifications.incrementAndGet();
			return new DefaultOAuth2AuthenticatedPrincipal(token, Map.of("sub", token), List.of());
		}

	}

}
