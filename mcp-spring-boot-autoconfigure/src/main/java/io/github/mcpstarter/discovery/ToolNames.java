package io.github.mcpstarter.discovery;

import java.util.regex.Pattern;

/**
 * The MCP rules for tool names, and the default name of a handler method.
 *
 * @see <a href="https://modelcontextprotocol.io/specification/2025-11-25/server/tools#tool-names">Tool names</a>
 */
public final class ToolNames {

	/**
	 * The longest name several model APIs accept for a function (OpenAI's and Anthropic's, among
	 * others), though MCP allows 128 characters.
	 */
	public static final int WIDELY_ACCEPTED_LENGTH = 64;

	private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_.-]{1,128}");

	private ToolNames() {
	}

	/** Whether the name is 1 to 128 characters of {@code A-Z a-z 0-9 _ - .}. */
	public static boolean isValid(String name) {
		return VALID.matcher(name).matches();
	}

	/**
	 * A Java method name in snake_case: {@code getOrderById} becomes {@code get_order_by_id},
	 * {@code findSKUs} becomes {@code find_skus}, {@code v2Export} becomes {@code v2_export}.
	 */
	public static String snakeCase(String javaName) {
		StringBuilder out = new StringBuilder(javaName.length() + 8);
		for (int i = 0; i < javaName.length(); i++) {
			char c = javaName.charAt(i);
			if (Character.isUpperCase(c)) {
				boolean afterLowerOrDigit = i > 0 && !Character.isUpperCase(javaName.charAt(i - 1))
						&& javaName.charAt(i - 1) != '_';
				boolean endOfAcronym = i > 0 && Character.isUpperCase(javaName.charAt(i - 1))
						&& i + 1 < javaName.length() && Character.isLowerCase(javaName.charAt(i + 1))
						// a plural acronym stays one word: findSKUs, getURLsById
						&& !(javaName.charAt(i + 1) == 's'
								&& (i + 2 == javaName.length() || !Character.isLowerCase(javaName.charAt(i + 2))));
				if (afterLowerOrDigit || endOfAcronym) {
					out.append('_');
				}
				out.append(Character.toLowerCase(c));
			}
			else {
				out.append(c);
			}
		}
		return out.toString();
	}

}
