package io.github.mcpstarter.schema;

import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.core.MethodParameter;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.http.HttpEntity;
import org.springframework.util.ClassUtils;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.RequestBody;

import io.github.mcpstarter.discovery.McpEndpoint;

/**
 * The Bean Validation groups a handler validates its request body with, as Spring MVC and method
 * validation choose them: {@code @Validated} on the body parameter, else on the method, else on
 * the class (with {@code Default} too when the body is {@code @Valid}, which MVC checks first);
 * {@code Default} when none names any.
 */
final class ValidationGroups {

	private ValidationGroups() {
	}

	static List<Class<?>> of(McpEndpoint endpoint, List<Class<?>> defaults) {
		if (defaults.isEmpty()) {
			// No Bean Validation on the classpath: nothing is validated, so there is nothing to choose.
			return defaults;
		}
		boolean valid = false;
		for (MethodParameter parameter : endpoint.handlerMethod().getMethodParameters()) {
			if (parameter.hasParameterAnnotation(RequestBody.class)
					|| HttpEntity.class.isAssignableFrom(parameter.getParameterType())) {
				List<Class<?>> groups = groups(parameter.getParameterAnnotation(Validated.class));
				if (groups != null) {
					return groups.isEmpty() ? defaults : groups;
				}
				valid = Arrays.stream(parameter.getParameterAnnotations())
					.anyMatch((annotation) -> annotation.annotationType().getName().equals("jakarta.validation.Valid"));
			}
		}
		List<Class<?>> groups = groups(
				AnnotatedElementUtils.findMergedAnnotation(endpoint.handlerMethod().getMethod(), Validated.class));
		if (groups == null || groups.isEmpty()) {
			groups = groups(
					AnnotatedElementUtils.findMergedAnnotation(endpoint.handlerMethod().getBeanType(), Validated.class));
		}
		if (groups == null || groups.isEmpty()) {
			return defaults;
		}
		// Method validation (a @Validated class) checks a @Valid body with its groups, after MVC has
		// checked it with Default: both apply.
		List<Class<?>> applied = new ArrayList<>(groups);
		if (valid) {
			defaults.stream().filter((group) -> !applied.contains(group)).forEach(applied::add);
		}
		return List.copyOf(applied);
	}

	/**
	 * Whether the field carries {@code @Null} in one of the groups: the only value it accepts is
	 * {@code null}, which victools would describe as merely nullable. A model that fills it in
	 * (an {@code id} on create) gets {@code must be null}.
	 */
	static boolean mustBeNull(AnnotatedElement field, List<Class<?>> groups) {
		for (Annotation annotation : field.getAnnotations()) {
			if (!annotation.annotationType().getName().equals("jakarta.validation.constraints.Null")) {
				continue;
			}
			Class<?>[] constraintGroups = (Class<?>[]) AnnotationUtils.getValue(annotation, "groups");
			List<Class<?>> applies = (constraintGroups == null || constraintGroups.length == 0)
					? List.of(DefaultGroup.TYPE) : List.of(constraintGroups);
			for (Class<?> constraintGroup : applies) {
				for (Class<?> group : groups) {
					// Validating a group validates the groups it extends too.
					if (constraintGroup != null && constraintGroup.isAssignableFrom(group)) {
						return true;
					}
				}
			}
		}
		return false;
	}

	/** Bean Validation's {@code Default} group, loaded only when it is asked about. */
	private static final class DefaultGroup {

		static final @Nullable Class<?> TYPE = ClassUtils.resolveClassName("jakarta.validation.groups.Default",
				ValidationGroups.class.getClassLoader());

	}

	private static @Nullable List<Class<?>> groups(@Nullable Validated validated) {
		return (validated != null) ? List.of(validated.value()) : null;
	}

}
