package io.github.mcpstarter.security;

import java.io.IOException;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import org.jspecify.annotations.Nullable;

/**
 * The one bearer token verified on this thread while the MCP endpoint's security chain serves a
 * request, and what its verification gave (a {@code Jwt}, an introspected principal), so that the
 * application's own chain, which runs again on a tool call's in-process request with the caller's
 * {@code Authorization} header, gets that answer instead of checking the signature (or asking the
 * introspection endpoint) a second time.
 *
 * <p>The application's chain still runs in full: its firewall, its bearer token resolution, its
 * own converter (so the tool call sees the application's authorities, not the MCP chain's), its
 * URL rules and exception handling. Only the verification of the token string is not repeated.
 *
 * <p>What may be reused, and nothing else:
 * <ul>
 * <li>only while the {@link #scopeFilter() scope filter} of the MCP endpoint's chain is serving
 * the request, on the thread serving it: the memory is gone when that request is, and a tool call
 * served on another thread verifies its token again;</li>
 * <li>only the first token verified in that scope, which is the caller's, verified by the MCP
 * chain's bearer token filter right after the scope filter; and only when it succeeded;</li>
 * <li>only for the very same verifier (the same decoder or introspector object) asked about the
 * very same token string: any other token, decoder or introspector verifies as usual.</li>
 * </ul>
 * Nothing a client sends is trusted: the key is the exact token the server itself just verified.
 * The result is reused within the one request, as a REST request's authentication is decided once
 * when it arrives.
 *
 * @since 0.1.0
 */
public final class VerifiedBearerTokens {

	private static final ThreadLocal<Scope> CURRENT = new ThreadLocal<>();

	private VerifiedBearerTokens() {
	}

	/**
	 * A filter for the MCP endpoint's chain, ahead of its bearer token authentication: within it,
	 * the first token verified is remembered for the rest of the request on this thread.
	 * @return the filter
	 */
	public static Filter scopeFilter() {
		return new ScopeFilter();
	}

	/**
	 * Verifies a token, or gives the answer the same verifier gave for the same token earlier in
	 * this scope. Only the first verification of a scope is remembered, and only if it succeeded.
	 * @param verifier the decoder or introspector asked
	 * @param token the token it is asked to verify
	 * @param verification the verification itself
	 * @return what the verification gives
	 * @throws Throwable whatever the verification throws
	 */
	static @Nullable Object verify(Object verifier, String token, Verification verification) throws Throwable {
		Scope scope = CURRENT.get();
		if (scope == null) {
			return verification.verify();
		}
		if (scope.verifier == verifier && token.equals(scope.token)) {
			return scope.verified;
		}
		boolean first = !scope.attempted;
		scope.attempted = true;
		Object verified = verification.verify();
		if (first && verified != null) {
			scope.verifier = verifier;
			scope.token = token;
			scope.verified = verified;
		}
		return verified;
	}

	/** A verification of a token: a call to the decoder or introspector. */
	@FunctionalInterface
	interface Verification {

		@Nullable Object verify() throws Throwable;

	}

	/** Opens a scope for the rest of the chain, and puts back the one it was in, if any. */
	private static final class ScopeFilter implements Filter {

		@Override
		public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
				throws IOException, ServletException {
			Scope outer = CURRENT.get();
			CURRENT.set(new Scope());
			try {
				chain.doFilter(request, response);
			}
			finally {
				if (outer != null) {
					CURRENT.set(outer);
				}
				else {
					CURRENT.remove();
				}
			}
		}

	}

	/** One request's verification, on one thread: never shared, hence not synchronized. */
	private static final class Scope {

		private boolean attempted;

		private @Nullable Object verifier;

		private @Nullable String token;

		private @Nullable Object verified;

	}

}
