package io.github.mcpstarter.security;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;

/**
 * The prefix the application's token converter puts before a scope to make it an authority
 * ({@code SCOPE_} by default; Boot's {@code spring.security.oauth2.resourceserver.jwt.authority-prefix},
 * or a converter bean of the application's, may choose another).
 *
 * <p>{@link JwtAuthenticationConverter} does not tell its prefix, so the converter is asked to
 * convert a token that is never sent anywhere, with one made-up scope in the standard {@code scope}
 * and {@code scp} claims, and the prefix is read off the authority it makes of it. A converter that
 * makes no authority of that scope (one that reads another claim) leaves the default.
 */
final class ScopeAuthorityPrefix {

	private static final String PROBE = "mcp-starter-probe-scope";

	private ScopeAuthorityPrefix() {
	}

	static String of(@Nullable Converter<Jwt, ? extends AbstractAuthenticationToken> converter) {
		if (converter == null) {
			return McpScopes.DEFAULT_AUTHORITY_PREFIX;
		}
		Jwt probe = Jwt.withTokenValue("probe")
			.header("alg", "none")
			.subject("probe")
			.claim("scope", PROBE)
			.claim("scp", List.of(PROBE))
			.build();
		try {
			AbstractAuthenticationToken authentication = converter.convert(probe);
			if (authentication != null) {
				for (GrantedAuthority authority : authentication.getAuthorities()) {
					String name = authority.getAuthority();
					if (name != null && name.endsWith(PROBE)) {
						return name.substring(0, name.length() - PROBE.length());
					}
				}
			}
		}
		catch (RuntimeException ex) {
			// A converter that needs claims the probe lacks: the default.
		}
		return McpScopes.DEFAULT_AUTHORITY_PREFIX;
	}

}
