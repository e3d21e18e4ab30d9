package io.github.mcpstarter;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The form {@link ClientInput#ask} shows the user: flat fields of text, numbers, yes/no and
 * choices, each with an optional title, description and default, as MCP elicitation allows.
 *
 * <pre class="code">
 * InputForm form = InputForm.of(
 *         InputForm.text("name").title("Your name").required(),
 *         InputForm.integer("seats").defaultValue(2),
 *         InputForm.choice("status", InputForm.option("active", "Active"), InputForm.option("paused", "Paused")));
 * </pre>
 *
 * @see <a href="https://modelcontextprotocol.io/specification/2025-11-25/client/elicitation#requested-schema">Requested schema</a>
 * @since 0.2.0
 */
public final class InputForm {

	private final ObjectNode schema;

	private InputForm(ObjectNode schema) {
		this.schema = schema;
	}

	/** A form of these fields, in this order. */
	public static InputForm of(Field... fields) {
		ObjectNode schema = JsonNodeFactory.instance.objectNode();
		schema.put("type", "object");
		ObjectNode properties = schema.putObject("properties");
		List<String> required = new ArrayList<>();
		for (Field field : fields) {
			if (properties.has(field.name)) {
				throw new IllegalArgumentException("Two fields are named '" + field.name + "'");
			}
			properties.set(field.name, field.schema.deepCopy());
			if (field.required) {
				required.add(field.name);
			}
		}
		if (!required.isEmpty()) {
			ArrayNode names = schema.putArray("required");
			required.forEach(names::add);
		}
		return new InputForm(schema);
	}

	/**
	 * A form written as its JSON Schema, for what the fields here do not say (such as the
	 * deprecated {@code enumNames}). It must be an object schema of flat fields.
	 */
	public static InputForm ofSchema(ObjectNode schema) {
		if (!"object".equals(schema.path("type").asString("")) || !schema.path("properties").isObject()) {
			throw new IllegalArgumentException("A form's schema has \"type\": \"object\" and \"properties\"");
		}
		return new InputForm(schema.deepCopy());
	}

	/** The form as its requested schema. */
	public ObjectNode schema() {
		return this.schema.deepCopy();
	}

	/** A text field. */
	public static Field text(String name) {
		return new Field(name, "string");
	}

	/** A whole number. */
	public static Field integer(String name) {
		return new Field(name, "integer");
	}

	/** A number. */
	public static Field number(String name) {
		return new Field(name, "number");
	}

	/** A yes/no field. */
	public static Field bool(String name) {
		return new Field(name, "boolean");
	}

	/** A choice of one value among these, shown as they are. */
	public static Field choice(String name, String... values) {
		Field field = new Field(name, "string");
		ArrayNode choices = field.schema.putArray("enum");
		for (String value : values) {
			choices.add(value);
		}
		return field;
	}

	/** A choice of one value, each option shown by its title. */
	public static Field choice(String name, Option... options) {
		Field field = new Field(name, "string");
		field.schema.set("oneOf", options(options));
		return field;
	}

	/** A choice of several values among these. */
	public static Field multiChoice(String name, String... values) {
		Field field = new Field(name, "array");
		ObjectNode items = field.schema.putObject("items");
		items.put("type", "string");
		ArrayNode choices = items.putArray("enum");
		for (String value : values) {
			choices.add(value);
		}
		return field;
	}

	/** A choice of several values, each option shown by its title. */
	public static Field multiChoice(String name, Option... options) {
		Field field = new Field(name, "array");
		field.schema.putObject("items").set("anyOf", options(options));
		return field;
	}

	/** An option of a choice: its value, and the title the user sees. */
	public static Option option(String value, String title) {
		return new Option(value, title);
	}

	private static ArrayNode options(Option... options) {
		ArrayNode list = JsonNodeFactory.instance.arrayNode();
		for (Option option : options) {
			list.addObject().put("const", option.value()).put("title", option.title());
		}
		return list;
	}

	/** An option of a choice. */
	public record Option(String value, String title) {
	}

	/** One field of a form; each method returns the field changed. */
	public static final class Field {

		private final String name;

		private final ObjectNode schema;

		private boolean required;

		private Field(String name, String type) {
			if (name == null || name.isBlank()) {
				throw new IllegalArgumentException("A field needs a name");
			}
			this.name = name;
			this.schema = JsonNodeFactory.instance.objectNode();
			this.schema.put("type", type);
		}

		/** The label the user sees. */
		public Field title(String title) {
			this.schema.put("title", title);
			return this;
		}

		/** A line of help under it. */
		public Field description(String description) {
			this.schema.put("description", description);
			return this;
		}

		/** The user must fill it in to accept. */
		public Field required() {
			this.required = true;
			return this;
		}

		/** What the field holds until the user changes it. */
		public Field defaultValue(@Nullable Object value) {
			JsonNode node = (value == null) ? JsonNodeFactory.instance.nullNode()
					: (value instanceof JsonNode json) ? json : JsonNodeFactory.instance.pojoNode(value);
			if (value instanceof String text) {
				node = JsonNodeFactory.instance.stringNode(text);
			}
			else if (value instanceof Integer || value instanceof Long) {
				node = JsonNodeFactory.instance.numberNode(((Number) value).longValue());
			}
			else if (value instanceof Number number) {
				node = JsonNodeFactory.instance.numberNode(number.doubleValue());
			}
			else if (value instanceof Boolean bool) {
				node = JsonNodeFactory.instance.booleanNode(bool);
			}
			this.schema.set("default", node);
			return this;
		}

		/** For text: a format the client may check ({@code email}, {@code uri}, {@code date}, {@code date-time}). */
		public Field format(String format) {
			this.schema.put("format", format);
			return this;
		}

		/** For text, the shortest and longest; for numbers, the least and greatest. */
		public Field range(@Nullable Number min, @Nullable Number max) {
			boolean text = "string".equals(this.schema.path("type").asString());
			if (min != null) {
				this.schema.put(text ? "minLength" : "minimum", text ? min.intValue() : min.doubleValue());
			}
			if (max != null) {
				this.schema.put(text ? "maxLength" : "maximum", text ? max.intValue() : max.doubleValue());
			}
			return this;
		}

	}

}
