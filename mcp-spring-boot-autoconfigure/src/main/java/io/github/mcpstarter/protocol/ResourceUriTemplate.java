package io.github.mcpstarter.protocol;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * A resource URI template: RFC 6570 level 1 ({@code {name}}, simple string expansion), and
 * optionally one form-style query expansion at its end ({@code {?a,b}}). Nothing else of RFC 6570
 * is accepted, so that matching a URI against a template is exact and cheap.
 *
 * <p>Matching is strict, as an expansion would have written the URI: a simple variable's value is
 * one or more unreserved characters or percent-encodings, decoded as UTF-8; once decoded, it must
 * be one path segment (no {@code /} or {@code \}, not {@code .} or {@code ..}, no control
 * characters), since it becomes one. A query variable's value is decoded the same way; each may
 * appear once, and a query names no other parameter.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6570">RFC 6570</a>
 * @since 0.2.0
 */
public final class ResourceUriTemplate {

	private static final Pattern VARIABLE_NAME = Pattern.compile("[A-Za-z0-9_]+");

	/** What a simple expansion writes: unreserved characters and percent-encodings. */
	private static final String SIMPLE_VALUE = "((?:[A-Za-z0-9\\-._~]|%[0-9A-Fa-f]{2})+)";

	private static final Pattern QUERY_VALUE = Pattern.compile("(?:[A-Za-z0-9\\-._~]|%[0-9A-Fa-f]{2})*");

	private static final Pattern SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.\\-]*:.*");

	private final String text;

	private final List<String> variables;

	private final List<String> queryVariables;

	/** The part before any query expansion, as a regex with one group per simple variable. */
	private final Pattern pathPattern;

	private ResourceUriTemplate(String text, List<String> variables, List<String> queryVariables,
			Pattern pathPattern) {
		this.text = text;
		this.variables = List.copyOf(variables);
		this.queryVariables = List.copyOf(queryVariables);
		this.pathPattern = pathPattern;
	}

	/**
	 * Parses a template.
	 * @param template the template's text
	 * @return the template
	 * @throws IllegalArgumentException naming what is wrong with it
	 */
	public static ResourceUriTemplate parse(String template) {
		if (!SCHEME.matcher(template).matches()) {
			throw new IllegalArgumentException("it is no absolute URI: it must start with a scheme, such as orders://");
		}
		List<String> variables = new ArrayList<>();
		List<String> queryVariables = new ArrayList<>();
		StringBuilder regex = new StringBuilder();
		int i = 0;
		boolean lastWasVariable = false;
		while (i < template.length()) {
			char c = template.charAt(i);
			if (c == '}') {
				throw new IllegalArgumentException("'}' at position " + i + " closes no expression");
			}
			if (c != '{') {
				if (!queryVariables.isEmpty()) {
					throw new IllegalArgumentException("a query expansion {?...} must come last");
				}
				int next = nextBrace(template, i);
				String literal = template.substring(i, next);
				if (literal.chars().anyMatch((ch) -> ch <= ' ' || ch == 0x7F)) {
					throw new IllegalArgumentException("it contains a space or control character");
				}
				regex.append(Pattern.quote(literal));
				i = next;
				lastWasVariable = false;
				continue;
			}
			int end = template.indexOf('}', i);
			if (end < 0) {
				throw new IllegalArgumentException("'{' at position " + i + " is never closed");
			}
			String expression = template.substring(i + 1, end);
			if (expression.indexOf('{') >= 0) {
				throw new IllegalArgumentException("'{' at position " + i + " is never closed");
			}
			if (!queryVariables.isEmpty()) {
				throw new IllegalArgumentException("a query expansion {?...} must come last");
			}
			if (expression.startsWith("?")) {
				for (String name : expression.substring(1).split(",", -1)) {
					requireName(name, expression, variables, queryVariables);
					queryVariables.add(name);
				}
				if (template.substring(0, i).indexOf('?') >= 0) {
					throw new IllegalArgumentException("a query expansion {?...} cannot follow a literal query");
				}
			}
			else {
				if (lastWasVariable) {
					throw new IllegalArgumentException("{" + expression + "} follows another variable directly, so a URI"
							+ " could not tell where one ends; put a literal between them");
				}
				requireName(expression, expression, variables, queryVariables);
				variables.add(expression);
				regex.append(SIMPLE_VALUE);
				lastWasVariable = true;
			}
			i = end + 1;
		}
		return new ResourceUriTemplate(template, variables, queryVariables, Pattern.compile(regex.toString()));
	}

	private static int nextBrace(String template, int from) {
		for (int i = from; i < template.length(); i++) {
			if (template.charAt(i) == '{' || template.charAt(i) == '}') {
				return i;
			}
		}
		return template.length();
	}

	private static void requireName(String name, String expression, List<String> variables,
			List<String> queryVariables) {
		if (!VARIABLE_NAME.matcher(name).matches()) {
			throw new IllegalArgumentException("{" + expression + "} is not supported: use {name} or {?name1,name2},"
					+ " names of letters, digits and _ (RFC 6570 level 1 and form-style query)");
		}
		if (variables.contains(name) || queryVariables.contains(name)) {
			throw new IllegalArgumentException("the variable '" + name + "' appears twice");
		}
	}

	/** The template as written. */
	public String text() {
		return this.text;
	}

	/** The simple variables ({@code {name}}), in order. */
	public List<String> variables() {
		return this.variables;
	}

	/** The variables of the query expansion ({@code {?a,b}}), in order. */
	public List<String> queryVariables() {
		return this.queryVariables;
	}

	/** Whether it has any variable: a URI without one names one resource. */
	public boolean isTemplate() {
		return !this.variables.isEmpty() || !this.queryVariables.isEmpty();
	}

	/**
	 * Matches a URI.
	 * @param uri the URI
	 * @return the variables' values, decoded (a query variable the URI does not give is absent), or
	 * {@code null} when the URI is none of this template's
	 */
	public @Nullable Map<String, String> match(String uri) {
		String path = uri;
		String query = null;
		if (!this.queryVariables.isEmpty()) {
			int question = uri.indexOf('?');
			if (question >= 0) {
				path = uri.substring(0, question);
				query = uri.substring(question + 1);
			}
		}
		Matcher matcher = this.pathPattern.matcher(path);
		if (!matcher.matches()) {
			return null;
		}
		Map<String, String> values = new LinkedHashMap<>();
		for (int i = 0; i < this.variables.size(); i++) {
			String value = decode(matcher.group(i + 1));
			if (value == null || !isPathSegment(value)) {
				return null;
			}
			values.put(this.variables.get(i), value);
		}
		if (query != null && !query.isEmpty() && !matchQuery(query, values)) {
			return null;
		}
		return values;
	}

	private boolean matchQuery(String query, Map<String, String> values) {
		for (String pair : query.split("&", -1)) {
			int equals = pair.indexOf('=');
			String name = (equals >= 0) ? pair.substring(0, equals) : pair;
			String raw = (equals >= 0) ? pair.substring(equals + 1) : "";
			if (!this.queryVariables.contains(name) || values.containsKey(name)
					|| !QUERY_VALUE.matcher(raw).matches()) {
				return false;
			}
			String value = decode(raw);
			if (value == null || value.chars().anyMatch(Character::isISOControl)) {
				return false;
			}
			values.put(name, value);
		}
		return true;
	}

	private static boolean isPathSegment(String value) {
		return !value.equals(".") && !value.equals("..") && value.indexOf('/') < 0 && value.indexOf('\\') < 0
				&& value.chars().noneMatch(Character::isISOControl);
	}

	/** Percent-decodes strict UTF-8; {@code null} for bytes that are no UTF-8. */
	private static @Nullable String decode(String encoded) {
		if (encoded.indexOf('%') < 0) {
			return encoded;
		}
		ByteArrayOutputStream bytes = new ByteArrayOutputStream(encoded.length());
		for (int i = 0; i < encoded.length(); i++) {
			char c = encoded.charAt(i);
			if (c == '%') {
				bytes.write(Integer.parseInt(encoded.substring(i + 1, i + 3), 16));
				i += 2;
			}
			else {
				bytes.write(c);
			}
		}
		try {
			return StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(bytes.toByteArray()))
				.toString();
		}
		catch (CharacterCodingException ex) {
			return null;
		}
	}

	@Override
	public String toString() {
		return this.text;
	}

}
