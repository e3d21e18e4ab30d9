package io.github.mcpstarter.protocol;

import org.jspecify.annotations.Nullable;

/**
 * Who a session belongs to: the issuer and subject of the caller's token, and the client it was
 * issued to. A session is served only to a request with the same owner, so a token for the same
 * user issued to another client (or by another issuer) does not reach it.
 *
 * @param issuer the token's issuer ({@code iss}), or {@code null} when the authentication has none
 * @param subject the principal's name ({@code sub} for a token)
 * @param client the client the token was issued to ({@code azp}, {@code client_id} or {@code cid}),
 * or {@code null} when the token names none
 * @since 0.1.0
 */
public record SessionOwner(@Nullable String issuer, String subject, @Nullable String client) {

	public SessionOwner {
		if (subject == null || subject.isBlank()) {
			throw new IllegalArgumentException("subject must not be blank");
		}
	}

	/** The principal alone (issuer and subject), whatever the client: what quotas count by. */
	public SessionOwner principal() {
		return (this.client == null) ? this : new SessionOwner(this.issuer, this.subject, null);
	}

}
