package io.github.mcpstarter.schema;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import io.github.mcpstarter.discovery.EndpointParameter;
import io.github.mcpstarter.discovery.ParameterSource;
import io.github.mcpstarter.discovery.ValueRules;

/**
 * The schema keywords of a non-body input (path variable, query parameter, header, cookie) that
 * come from how Spring MVC converts and matches request values, not from Jackson: an enum's
 * constant names (MVC's conversion service converts by name, whatever {@code @JsonValue} says),
 * a path variable's regex, paging limits, and what happens to a lone value with a comma.
 */
final class RequestParameterSchemas {

	/** Said of a multi-valued input whose lone value MVC splits at commas. */
	static final String LONE_VALUE_SPLIT = "A single value must not contain a comma: Spring MVC splits a lone value"
			+ " at its commas (send two or more values, or none with a comma).";

	static final String CONVERTED_BY_APPLICATION = "Converted by the application's own converter; its accepted"
			+ " values are not known here.";

	private RequestParameterSchemas() {
	}

	/**
	 * Applies the input's rules to its schema, written for its type.
	 * @param parameter a non-body input
	 * @param schema its schema, changed in place
	 */
	static void apply(EndpointParameter parameter, ObjectNode schema) {
		if (parameter.source() == ParameterSource.BODY) {
			return;
		}
		ValueRules rules = parameter.rules();
		ObjectNode element = (parameter.multiValued() && schema.get("items") instanceof ObjectNode items) ? items
				: schema;
		if (rules.allowedValues() != null) {
			// Replaced, not amended: the type's own schema (possibly a $ref) holds Jackson's values.
			element.removeAll();
			element.put("type", "string");
			rules.allowedValues().forEach(element.putArray("enum")::add);
		}
		else if (rules.convertedByApplication()) {
			element.removeAll();
			element.put("type", "string");
			appendDescription(schema, CONVERTED_BY_APPLICATION);
		}
		if (rules.pattern() != null) {
			element.put("pattern", rules.pattern());
		}
		if (rules.minimum() != null) {
			element.put("minimum", rules.minimum());
		}
		if (rules.maximum() != null) {
			element.put("maximum", rules.maximum());
		}
		// Only free text can hold a comma: numbers, booleans and listed values cannot.
		boolean freeText = CharSequence.class.isAssignableFrom(parameter.elementType().resolve(Object.class))
				|| rules.convertedByApplication();
		if (parameter.multiValued() && !rules.verbatim() && freeText && rules.allowedValues() == null) {
			appendDescription(schema, LONE_VALUE_SPLIT);
		}
		markHeader(parameter, schema);
	}

	/** What a header name may not contain for its value to be repeated in an {@code Mcp-Param-*} header. */
	private static final java.util.regex.Pattern TOKEN = java.util.regex.Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

	/** Headers whose values are credentials: never repeated where proxies and logs see them. */
	private static final java.util.regex.Pattern SENSITIVE = java.util.regex.Pattern
		.compile("(?i).*(authorization|auth|token|secret|key|password|passwd|cookie|credential|session|signature).*");

	/**
	 * Marks a published header argument with {@code x-mcp-header}, so that a 2026-07-28 client repeats
	 * it as {@code Mcp-Param-{name}} and gateways can route on it, as they would on the REST call's
	 * header. Only single strings, integers and booleans can be so repeated, and credentials never are.
	 */
	private static void markHeader(EndpointParameter parameter, ObjectNode schema) {
		if (parameter.source() != ParameterSource.HEADER || parameter.multiValued()
				|| !TOKEN.matcher(parameter.name()).matches() || SENSITIVE.matcher(parameter.name()).matches()) {
			return;
		}
		JsonNode type = schema.get("type");
		if (type != null && type.isString()
				&& ("string".equals(type.asString()) || "integer".equals(type.asString()) || "boolean".equals(type.asString()))) {
			schema.put("x-mcp-header", parameter.name());
		}
	}

	private static void appendDescription(ObjectNode schema, String sentence) {
		JsonNode existing = schema.get("description");
		String text = (existing != null && existing.isString() && !existing.asString().isBlank())
				? existing.asString().strip() + (existing.asString().strip().endsWith(".") ? " " : ". ") + sentence
				: sentence;
		schema.put("description", text);
	}

}
