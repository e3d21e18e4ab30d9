package io.github.mcpstarter.schema;

import java.lang.annotation.Annotation;
import java.math.BigDecimal;

import org.springframework.core.annotation.AnnotationUtils;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes the Bean Validation constraints of a handler parameter or a bound property as JSON
 * Schema keywords.
 *
 * <p>victools' Jakarta module does this for the fields of body types; parameters of the handler
 * method itself ({@code @RequestParam @Min(1) int page}) are not fields, so they are mapped here.
 * Annotations are matched by name so that Bean Validation stays optional.
 */
final class ParameterConstraints {

	private static final String PACKAGE = "jakarta.validation.constraints";

	private ParameterConstraints() {
	}

	static void apply(Annotation[] annotations, ObjectNode schema, boolean multiValued) {
		for (Annotation annotation : annotations) {
			Class<? extends Annotation> type = annotation.annotationType();
			if (!type.getPackageName().equals(PACKAGE)) {
				continue;
			}
			switch (type.getSimpleName()) {
				case "NotBlank" -> schema.put("minLength", 1);
				case "NotEmpty" -> schema.put(multiValued ? "minItems" : "minLength", 1);
				case "Size" -> {
					int min = (int) AnnotationUtils.getValue(annotation, "min");
					int max = (int) AnnotationUtils.getValue(annotation, "max");
					if (min > 0) {
						schema.put(multiValued ? "minItems" : "minLength", min);
					}
					if (max < Integer.MAX_VALUE) {
						schema.put(multiValued ? "maxItems" : "maxLength", max);
					}
				}
				case "Min" -> schema.put("minimum", (long) AnnotationUtils.getValue(annotation));
				case "Max" -> schema.put("maximum", (long) AnnotationUtils.getValue(annotation));
				case "DecimalMin" -> schema.put(inclusive(annotation) ? "minimum" : "exclusiveMinimum",
						new BigDecimal((String) AnnotationUtils.getValue(annotation)));
				case "DecimalMax" -> schema.put(inclusive(annotation) ? "maximum" : "exclusiveMaximum",
						new BigDecimal((String) AnnotationUtils.getValue(annotation)));
				case "Positive" -> schema.put("exclusiveMinimum", 0);
				case "PositiveOrZero" -> schema.put("minimum", 0);
				case "Negative" -> schema.put("exclusiveMaximum", 0);
				case "NegativeOrZero" -> schema.put("maximum", 0);
				case "Pattern" -> schema.put("pattern", (String) AnnotationUtils.getValue(annotation, "regexp"));
				case "Email" -> schema.put("format", "email");
				default -> {
					// Other constraints (@Past, @Future, @AssertTrue...) have no JSON Schema keyword.
				}
			}
		}
	}

	private static boolean inclusive(Annotation annotation) {
		return Boolean.TRUE.equals(AnnotationUtils.getValue(annotation, "inclusive"));
	}

}
