package io.github.mcpstarter.schema;

import java.math.BigDecimal;
import java.math.BigInteger;

import com.github.victools.jsonschema.generator.FieldScope;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;
import org.springframework.util.ClassUtils;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * What springdoc's {@code @Schema} says that victools' Swagger module leaves out: examples, and
 * access modes as presence rather than as {@code readOnly}/{@code writeOnly} hints. A model fills
 * in every property it is shown, so a read-only one must not be shown as an input at all.
 *
 * <p>Loaded only when swagger-annotations is on the classpath.
 */
final class SwaggerSchemas {

	private SwaggerSchemas() {
	}

	static void apply(SchemaGeneratorConfigBuilder config, boolean input) {
		config.forFields()
			.withIgnoreCheck((field) -> {
				Schema schema = schema(field);
				Schema.AccessMode hidden = input ? Schema.AccessMode.READ_ONLY : Schema.AccessMode.WRITE_ONLY;
				return schema != null && schema.accessMode() == hidden;
			})
			.withInstanceAttributeOverride((node, field, context) -> {
				Schema schema = schema(field);
				if (schema == null) {
					return;
				}
				// victools' Swagger module writes both as strings, whatever the property's type.
				if (!schema.example().isEmpty()) {
					node.putArray("examples").add(typed(schema.example(), field));
				}
				if (!schema.defaultValue().isEmpty()) {
					node.set("default", typed(schema.defaultValue(), field));
				}
			});
	}

	/** A value type's own {@code @Schema}: its description, example and pattern. */
	static void describeValueType(Class<?> type, ObjectNode node) {
		Schema schema = type.getAnnotation(Schema.class);
		if (schema == null) {
			return;
		}
		if (!schema.description().isEmpty()) {
			node.put("description", schema.description());
		}
		if (!schema.pattern().isEmpty()) {
			node.put("pattern", schema.pattern());
		}
		if (!schema.example().isEmpty()) {
			node.putArray("examples").add(schema.example());
		}
	}

	private static @Nullable Schema schema(FieldScope field) {
		return field.isFakeContainerItemScope() ? null
				: field.getAnnotationConsideringFieldAndGetter(Schema.class);
	}

	/** The example as a JSON value of the property's type: {@code 42}, not {@code "42"}. */
	private static JsonNode typed(String example, FieldScope field) {
		Class<?> type = ClassUtils.resolvePrimitiveIfNecessary(field.getType().getErasedType());
		try {
			if (type == Long.class || type == Integer.class || type == Short.class || type == Byte.class
					|| type == BigInteger.class) {
				return JsonNodeFactory.instance.numberNode(new BigInteger(example));
			}
			if (Number.class.isAssignableFrom(type)) {
				return JsonNodeFactory.instance.numberNode(new BigDecimal(example));
			}
			if (type == Boolean.class) {
				return JsonNodeFactory.instance.booleanNode(Boolean.parseBoolean(example));
			}
			return JsonNodeFactory.instance.stringNode(example);
		}
		catch (NumberFormatException ex) {
			return JsonNodeFactory.instance.stringNode(example);
		}
	}

}
