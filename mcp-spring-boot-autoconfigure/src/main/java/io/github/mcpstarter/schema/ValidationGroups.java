package io.github.mcpstarter.schema;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.core.MethodParameter;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.HttpEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.RequestBody;

import io.github.mcpstarter.discovery.McpEndpoint;

/**
 * The Bean Validation groups a handler validates its request body with, as Spring MVC and method
 * validation choose them: {@code @Validated} on the body parameter, else on the method, else on
 * the class; {@code Default} when none names any.
 */
final class ValidationGroups {

	private ValidationGroups() {
	}

	static List<Class<?>> of(McpEndpoint endpoint, List<Class<?>> defaults) {
		if (defaults.isEmpty()) {
			// No Bean Validation on the classpath: nothing is validated, so there is nothing to choose.
			return defaults;
		}
		for (MethodParameter parameter : endpoint.handlerMethod().getMethodParameters()) {
			if (parameter.hasParameterAnnotation(RequestBody.class)
					|| HttpEntity.class.isAssignableFrom(parameter.getParameterType())) {
				List<Class<?>> groups = groups(parameter.getParameterAnnotation(Validated.class));
				if (groups != null) {
					return groups.isEmpty() ? defaults : groups;
				}
			}
		}
		List<Class<?>> method = groups(
				AnnotatedElementUtils.findMergedAnnotation(endpoint.handlerMethod().getMethod(), Validated.class));
		if (method != null && !method.isEmpty()) {
			return method;
		}
		List<Class<?>> type = groups(
				AnnotatedElementUtils.findMergedAnnotation(endpoint.handlerMethod().getBeanType(), Validated.class));
		return (type != null && !type.isEmpty()) ? type : defaults;
	}

	private static @Nullable List<Class<?>> groups(@Nullable Validated validated) {
		return (validated != null) ? List.of(validated.value()) : null;
	}

}
