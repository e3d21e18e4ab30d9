package io.github.mcpstarter.discovery;

import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;
import org.springframework.core.MethodParameter;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;

/**
 * Descriptions from springdoc's OpenAPI annotations, read only when they are on the classpath.
 */
final class OpenApiDescriptions {

	static final boolean PRESENT = ClassUtils.isPresent("io.swagger.v3.oas.annotations.Operation",
			OpenApiDescriptions.class.getClassLoader());

	private OpenApiDescriptions() {
	}

	/** The {@code @Operation} summary and description, joined, or {@code null}. */
	static @Nullable String ofOperation(Method method) {
		if (!PRESENT) {
			return null;
		}
		Operation operation = AnnotatedElementUtils.findMergedAnnotation(method, Operation.class);
		if (operation == null) {
			return null;
		}
		return join(operation.summary(), operation.description());
	}

	/** The {@code @Parameter} or {@code @Schema} description of a handler parameter, or {@code null}. */
	static @Nullable String ofParameter(MethodParameter parameter) {
		if (!PRESENT) {
			return null;
		}
		Parameter annotation = parameter.getParameterAnnotation(Parameter.class);
		if (annotation != null && StringUtils.hasText(annotation.description())) {
			return annotation.description();
		}
		io.swagger.v3.oas.annotations.parameters.RequestBody body = parameter
			.getParameterAnnotation(io.swagger.v3.oas.annotations.parameters.RequestBody.class);
		if (body != null && StringUtils.hasText(body.description())) {
			return body.description();
		}
		Schema schema = parameter.getParameterAnnotation(Schema.class);
		return (schema != null && StringUtils.hasText(schema.description())) ? schema.description() : null;
	}

	/** The {@code @Schema} or {@code @Parameter} description of a property, or {@code null}. */
	static @Nullable String ofProperty(AnnotatedElement property) {
		if (!PRESENT) {
			return null;
		}
		Schema schema = AnnotatedElementUtils.findMergedAnnotation(property, Schema.class);
		if (schema != null && StringUtils.hasText(schema.description())) {
			return schema.description();
		}
		Parameter parameter = AnnotatedElementUtils.findMergedAnnotation(property, Parameter.class);
		return (parameter != null && StringUtils.hasText(parameter.description())) ? parameter.description() : null;
	}

	private static @Nullable String join(String summary, String description) {
		if (StringUtils.hasText(summary) && StringUtils.hasText(description)) {
			return summary.strip() + (summary.strip().endsWith(".") ? " " : ". ") + description.strip();
		}
		if (StringUtils.hasText(summary)) {
			return summary.strip();
		}
		return StringUtils.hasText(description) ? description.strip() : null;
	}

}
