package io.github.mcpstarter.realcode;

import java.util.Iterator;
import java.util.Map;
import java.util.Random;

import com.github.curiousoddman.rgxgen.RgxGen;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Makes a valid instance of a JSON Schema, as a model that follows a tool's {@code inputSchema}
 * to the letter would fill in the arguments. Covers the subset the starter emits: {@code type}
 * (one or several), {@code required}, {@code enum}, {@code const}, {@code examples},
 * {@code default}, {@code minimum}/{@code maximum} (and exclusive), {@code minLength}/
 * {@code maxLength}, {@code pattern} (through rgxgen), {@code format} (date, date-time, time,
 * uuid, email, uri), {@code items}/{@code minItems}/{@code maxItems}, {@code $ref} into
 * {@code $defs}, {@code anyOf}/{@code oneOf} (the first branch that is not {@code null}),
 * {@code allOf} (merged) and nullable types.
 *
 * <p>Values the data behind a tool must hold for a call to succeed (an existing id, a product in
 * stock) cannot be read from any schema; {@link #withSeeds} names them by property, as the seed
 * data holds them, and each is used only where it validates against the property's own schema.
 * Instances are deterministic: the same schema always gives the same instance.
 */
public final class SchemaInstances {

	/** How deep optional properties are filled in; below it only required ones, so recursion ends. */
	private static final int OPTIONAL_DEPTH = 2;

	private static final int MAX_DEPTH = 12;

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private final Map<String, JsonNode> seeds;

	private final SchemaValidation validation;

	private SchemaInstances(Map<String, JsonNode> seeds, SchemaValidation validation) {
		this.seeds = seeds;
		this.validation = validation;
	}

	/** Instances from the schema alone. */
	public static SchemaInstances fromSchemasOnly() {
		return new SchemaInstances(Map.of(), new SchemaValidation());
	}

	/**
	 * Instances that use these values for properties of these names, where the value validates.
	 * @param seeds values the application's data holds, by property name
	 */
	public static SchemaInstances withSeeds(Map<String, JsonNode> seeds) {
		return new SchemaInstances(seeds, new SchemaValidation());
	}

	/** A valid instance of the schema, whose {@code $ref}s resolve against itself. */
	public JsonNode instance(JsonNode schema) {
		return instance(schema, schema, null, 0);
	}

	private JsonNode instance(JsonNode schema, JsonNode root, String propertyName, int depth) {
		if (depth > MAX_DEPTH) {
			throw new IllegalStateException("The schema nests deeper than " + MAX_DEPTH + " levels: " + schema);
		}
		if (schema.isBoolean()) {
			return NODES.stringNode("any");
		}
		if (schema.has("$ref")) {
			return instance(resolve(root, schema.get("$ref").asString()), root, propertyName, depth);
		}
		if (propertyName != null && this.seeds.containsKey(propertyName)) {
			JsonNode seed = this.seeds.get(propertyName);
			if (this.validation.errors(withDefs(schema, root), seed).isEmpty()) {
				return seed;
			}
		}
		if (schema.has("const")) {
			return schema.get("const");
		}
		if (schema.has("enum")) {
			return firstNonNull(schema.get("enum"));
		}
		if (schema.has("examples") && schema.get("examples").isArray() && !schema.get("examples").isEmpty()) {
			return schema.get("examples").get(0);
		}
		if (schema.has("default")) {
			return schema.get("default");
		}
		for (String choice : new String[] { "anyOf", "oneOf" }) {
			if (schema.has(choice)) {
				JsonNode branch = firstNonNullBranch(schema.get(choice), root);
				JsonNode base = without(schema, choice);
				return merge(instance(base, root, propertyName, depth), instance(branch, root, propertyName, depth + 1));
			}
		}
		if (schema.has("allOf")) {
			JsonNode merged = instance(without(schema, "allOf"), root, propertyName, depth);
			for (JsonNode part : schema.get("allOf")) {
				merged = merge(merged, instance(part, root, propertyName, depth + 1));
			}
			return merged;
		}
		String type = type(schema);
		return switch (type) {
			case "object" -> object(schema, root, depth);
			case "array" -> array(schema, root, propertyName, depth);
			case "string" -> string(schema);
			case "integer" -> NODES.numberNode((long) number(schema, true));
			case "number" -> NODES.numberNode(number(schema, false));
			case "boolean" -> NODES.booleanNode(true);
			case "null" -> NODES.nullNode();
			// No type at all: nothing constrains the value; a string is as good as any.
			default -> NODES.stringNode("any");
		};
	}

	private ObjectNode object(JsonNode schema, JsonNode root, int depth) {
		ObjectNode object = NODES.objectNode();
		JsonNode properties = schema.path("properties");
		JsonNode required = schema.path("required");
		for (Iterator<Map.Entry<String, JsonNode>> fields = properties.properties().iterator(); fields.hasNext();) {
			Map.Entry<String, JsonNode> field = fields.next();
			boolean isRequired = contains(required, field.getKey());
			if (isRequired || depth < OPTIONAL_DEPTH || this.seeds.containsKey(field.getKey())) {
				object.set(field.getKey(), instance(field.getValue(), root, field.getKey(), depth + 1));
			}
		}
		return object;
	}

	private ArrayNode array(JsonNode schema, JsonNode root, String propertyName, int depth) {
		ArrayNode array = NODES.arrayNode();
		int min = schema.path("minItems").asInt(0);
		int max = schema.path("maxItems").asInt(Integer.MAX_VALUE);
		int count = Math.min(Math.max(min, (depth < OPTIONAL_DEPTH + 2) ? 1 : 0), max);
		JsonNode items = schema.path("items");
		for (int i = 0; i < count; i++) {
			array.add(items.isMissingNode() ? NODES.stringNode("item") : instance(items, root, propertyName, depth + 1));
		}
		return array;
	}

	private static JsonNode string(JsonNode schema) {
		String format = schema.path("format").asString("");
		String value = switch (format) {
			case "date" -> "2025-03-01";
			case "date-time" -> "2025-03-01T12:00:00Z";
			case "time" -> "12:00:00";
			case "uuid" -> "3fa85f64-5717-4562-b3fc-2c963f66afa6";
			case "email" -> "ada@example.com";
			case "uri", "url" -> "https://example.com/a";
			case "duration" -> "PT1M";
			default -> null;
		};
		int minLength = schema.path("minLength").asInt(0);
		int maxLength = schema.path("maxLength").asInt(Integer.MAX_VALUE);
		if (value == null && schema.has("pattern")) {
			RgxGen generator = RgxGen.parse(schema.get("pattern").asString());
			// The same seed every time, and a few tries for a length the schema allows.
			Random random = new Random(42);
			for (int i = 0; i < 200 && value == null; i++) {
				String candidate = generator.generate(random);
				if (candidate.length() >= minLength && candidate.length() <= maxLength) {
					value = candidate;
				}
			}
			if (value == null) {
				throw new IllegalStateException("No string of " + minLength + ".." + maxLength + " characters matches "
						+ schema.get("pattern"));
			}
		}
		if (value == null) {
			StringBuilder text = new StringBuilder("text");
			while (text.length() < minLength) {
				text.append('x');
			}
			value = text.substring(0, Math.min(text.length(), Math.max(maxLength, minLength)));
		}
		return NODES.stringNode(value);
	}

	private static double number(JsonNode schema, boolean integer) {
		double step = integer ? 1 : 0.5;
		if (schema.has("minimum")) {
			return schema.get("minimum").asDouble();
		}
		if (schema.has("exclusiveMinimum")) {
			return integer ? Math.floor(schema.get("exclusiveMinimum").asDouble()) + 1
					: schema.get("exclusiveMinimum").asDouble() + step;
		}
		double value = 1;
		if (schema.has("maximum")) {
			value = Math.min(value, schema.get("maximum").asDouble());
		}
		if (schema.has("exclusiveMaximum")) {
			value = Math.min(value, integer ? Math.ceil(schema.get("exclusiveMaximum").asDouble()) - 1
					: schema.get("exclusiveMaximum").asDouble() - step);
		}
		return value;
	}

	private static String type(JsonNode schema) {
		JsonNode type = schema.get("type");
		if (type == null) {
			return (schema.has("properties")) ? "object" : (schema.has("items") ? "array" : "");
		}
		if (type.isArray()) {
			for (JsonNode each : type) {
				if (!"null".equals(each.asString())) {
					return each.asString();
				}
			}
			return "null";
		}
		return type.asString();
	}

	private static JsonNode firstNonNull(JsonNode values) {
		for (JsonNode value : values) {
			if (!value.isNull()) {
				return value;
			}
		}
		return values.get(0);
	}

	private static JsonNode firstNonNullBranch(JsonNode branches, JsonNode root) {
		for (JsonNode branch : branches) {
			if (!"null".equals(branch.path("type").asString(""))) {
				return branch;
			}
		}
		return branches.get(0);
	}

	private static JsonNode without(JsonNode schema, String keyword) {
		ObjectNode copy = ((ObjectNode) schema).deepCopy();
		copy.remove(keyword);
		return copy;
	}

	/** Two instances as one: objects property by property, else the second. */
	private static JsonNode merge(JsonNode first, JsonNode second) {
		if (first instanceof ObjectNode a && second instanceof ObjectNode b) {
			ObjectNode merged = a.deepCopy();
			merged.setAll(b);
			return merged;
		}
		if (second.isTextual() && "any".equals(second.asString())) {
			return first;
		}
		return second;
	}

	private static boolean contains(JsonNode array, String name) {
		for (JsonNode each : array) {
			if (name.equals(each.asString())) {
				return true;
			}
		}
		return false;
	}

	static JsonNode resolve(JsonNode root, String ref) {
		if (!ref.startsWith("#")) {
			throw new IllegalStateException("A $ref outside the schema: " + ref);
		}
		JsonNode target = root.at(ref.substring(1));
		if (target.isMissingNode()) {
			throw new IllegalStateException("The $ref " + ref + " points at nothing in " + root);
		}
		return target;
	}

	/** The subschema with the root's {@code $defs}, so that it validates on its own. */
	private static JsonNode withDefs(JsonNode schema, JsonNode root) {
		if (!(schema instanceof ObjectNode object) || !root.has("$defs")) {
			return schema;
		}
		ObjectNode copy = object.deepCopy();
		copy.set("$defs", root.get("$defs"));
		return copy;
	}

}
