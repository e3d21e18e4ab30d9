package io.github.mcpstarter.discovery;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The regexes of a path pattern's variables ({@code /items/{id:\d+}}), as MVC matches them, and
 * their form for JSON Schema's {@code pattern}.
 */
final class PathRegexes {

	/**
	 * Java regex syntax that ECMA-262 (which JSON Schema's {@code pattern} uses) lacks or reads
	 * otherwise: inline flags, {@code \A \Z \z \G \h \R}, Unicode classes without the {@code u}
	 * flag, class intersection, quoting and possessive quantifiers.
	 */
	private static final Pattern JAVA_ONLY = Pattern
		.compile("\\(\\?[a-zA-Z-]+[:)]|\\\\[AZzGhHRQEpP]|&&|[*+?}]\\+");

	private PathRegexes() {
	}

	/** The variables of a path pattern that carry a regex, each with its regex. */
	static Map<String, String> of(String pattern) {
		Map<String, String> regexes = new LinkedHashMap<>();
		int i = 0;
		while ((i = pattern.indexOf('{', i)) >= 0) {
			// The regex may hold braces of its own ({code:[A-Z]{3}}), so the variable ends where they balance.
			int depth = 0;
			int end = -1;
			for (int j = i; j < pattern.length(); j++) {
				char c = pattern.charAt(j);
				if (c == '\\') {
					j++;
				}
				else if (c == '{') {
					depth++;
				}
				else if (c == '}' && --depth == 0) {
					end = j;
					break;
				}
			}
			if (end < 0) {
				break;
			}
			String variable = pattern.substring(i + 1, end);
			int colon = variable.indexOf(':');
			if (colon > 0 && !variable.startsWith("*")) {
				regexes.put(variable.substring(0, colon), variable.substring(colon + 1));
			}
			i = end + 1;
		}
		return regexes;
	}

	/**
	 * The regex anchored to the whole value, as MVC matches it, for JSON Schema; {@code null} when
	 * it uses Java syntax that ECMA-262 reads otherwise (the value is still checked at call time).
	 */
	static @Nullable String toEcma(String regex) {
		if (JAVA_ONLY.matcher(regex).find()) {
			return null;
		}
		return "^(?:" + regex + ")$";
	}

}
