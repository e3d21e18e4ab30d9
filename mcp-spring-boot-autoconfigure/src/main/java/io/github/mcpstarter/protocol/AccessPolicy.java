package io.github.mcpstarter.protocol;

import java.util.List;

/**
 * Decides, for the caller of the current request, whether an offering (a tool, a resource, a
 * prompt) is visible and usable.
 *
 * <p>The protocol core asks it before listing and before calling, reading or getting: what the
 * caller may not use is not listed, and asking for it by name gets the same error as for one that
 * does not exist; one that needs scopes the caller's token lacks gets an insufficient-scope error
 * naming every scope it needs, so the client can step up.
 *
 * @since 0.2.0
 */
@FunctionalInterface
public interface AccessPolicy {

	/** Everything is visible and usable, for servers without authorization. */
	AccessPolicy ALLOW_ALL = (offering, context) -> Access.ALLOWED;

	/**
	 * The caller's access to an offering.
	 * @param offering the tool, resource, resource template or prompt
	 * @param context the current request (its transport carries the caller's identity)
	 * @return the access
	 */
	Access check(Offering offering, McpRequestContext context);

	/**
	 * A caller's access to an offering.
	 *
	 * @param verdict what the caller may do
	 * @param requiredScopes for {@link Verdict#INSUFFICIENT_SCOPE}, every scope the call needs
	 */
	record Access(Verdict verdict, List<String> requiredScopes) {

		/** Visible and callable. */
		public static final Access ALLOWED = new Access(Verdict.ALLOWED, List.of());

		/** Neither visible nor callable: indistinguishable from a tool that does not exist. */
		public static final Access HIDDEN = new Access(Verdict.HIDDEN, List.of());

		public static Access insufficientScope(List<String> requiredScopes) {
			return new Access(Verdict.INSUFFICIENT_SCOPE, List.copyOf(requiredScopes));
		}

	}

	/** What a caller may do with an offering. */
	enum Verdict {

		/** List it and use it. */
		ALLOWED,

		/** Not listed; asked for by name, answered as one that does not exist. */
		HIDDEN,

		/** Not listed; asked for by name, an insufficient-scope error, so the client can ask for more scopes. */
		INSUFFICIENT_SCOPE

	}

}
