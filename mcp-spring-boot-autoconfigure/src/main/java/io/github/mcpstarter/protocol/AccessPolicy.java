package io.github.mcpstarter.protocol;

import java.util.List;

/**
 * Decides, for the caller of the current request, whether a tool is visible and callable.
 *
 * <p>The protocol core asks it before listing and before calling: a tool the caller may not call
 * is not listed, and calling it by name gets the same error as an unknown tool; a tool that needs
 * scopes the caller's token lacks gets an insufficient-scope error naming every scope it needs, so
 * the client can step up.
 */
@FunctionalInterface
public interface ToolAccessPolicy {

	/** Every tool is visible and callable, for servers without authorization. */
	ToolAccessPolicy ALLOW_ALL = (tool, context) -> Access.ALLOWED;

	/**
	 * The caller's access to a tool.
	 * @param tool the tool
	 * @param context the current request (its transport carries the caller's identity)
	 * @return the access
	 */
	Access check(RegisteredTool tool, McpRequestContext context);

	/**
	 * A caller's access to a tool.
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

	/** What a caller may do with a tool. */
	enum Verdict {

		/** List it and call it. */
		ALLOWED,

		/** Not listed; a call gets "Unknown tool". */
		HIDDEN,

		/** Not listed; a call gets an insufficient-scope error, so the client can ask for more scopes. */
		INSUFFICIENT_SCOPE

	}

}
