package io.github.mcpstarter.schema;

import java.time.LocalDate;
import java.util.UUID;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A valid instance of a JSON Schema, as a model that follows the schema to the letter would send:
 * every property it describes filled in (optional ones too), the first example, default or enum
 * value where there is one, the first branch of an {@code anyOf}/{@code oneOf} that is not null.
 * Enough for the schemas the generator writes; not a general-purpose generator.
 */
final class SchemaInstances {

	private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

	private final JsonNode root;

	private SchemaInstances(JsonNode root) {
		this.root = root;
	}

	static JsonNode of(JsonNode schema) {
		return new SchemaInstances(schema).instance(schema, 0);
	}

	private JsonNode instance(JsonNode schema, int depth) {
		if (schema.has("$ref")) {
			String ref = schema.get("$ref").asString();
			JsonNode target = this.root.at(ref.substring(1));
			return instance(target, depth + 1);
		}
		if (schema.has("const")) {
			return schema.get("const");
		}
		if (schema.has("examples")) {
			return schema.get("examples").get(0);
		}
		if (schema.has("enum")) {
			return schema.get("enum").get(0);
		}
		for (String keyword : new String[] { "anyOf", "oneOf" }) {
			if (schema.has(keyword)) {
				for (JsonNode branch : schema.get(keyword)) {
					if (!"null".equals(branch.path("type").asString(""))) {
						return instance(branch, depth + 1);
					}
				}
				return JSON.nullNode();
			}
		}
		if (schema.has("default")) {
			return schema.get("default");
		}
		String type = schema.path("type").asString("object");
		return switch (type) {
			case "object" -> object(schema, depth);
			case "array" -> {
				ArrayNode array = JSON.arrayNode();
				// Recursive types end in empty lists.
				if (depth < 4 && schema.has("items")) {
					int count = Math.max(1, schema.path("minItems").asInt(1));
					for (int i = 0; i < count; i++) {
						array.add(instance(schema.get("items"), depth + 1));
					}
				}
				yield array;
			}
			case "integer" -> JSON.numberNode(Math.max(1, schema.path("minimum").asLong(1)));
			case "number" -> JSON.numberNode(Math.max(1.5, schema.path("minimum").asDouble(1.5)));
			case "boolean" -> JSON.booleanNode(true);
			case "null" -> JSON.nullNode();
			default -> JSON.stringNode(string(schema));
		};
	}

	private ObjectNode object(JsonNode schema, int depth) {
		ObjectNode object = JSON.objectNode();
		JsonNode properties = schema.path("properties");
		for (String name : properties.propertyNames()) {
			JsonNode property = properties.get(name);
			if (property.path("readOnly").asBoolean(false)) {
				continue;
			}
			object.set(name, instance(property, depth + 1));
		}
		return object;
	}

	private static String string(JsonNode schema) {
		return switch (schema.path("format").asString("")) {
			case "date-time" -> "2026-03-04T05:06:07Z";
			case "date" -> LocalDate.of(2026, 3, 4).toString();
			case "time" -> "05:06:07";
			case "duration" -> "PT1M30S";
			case "uuid" -> UUID.nameUUIDFromBytes(new byte[] { 1 }).toString();
			case "email" -> "ada@example.com";
			case "uri" -> "https://example.com/";
			default -> "text";
		};
	}

}
