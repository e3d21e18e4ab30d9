package io.github.mcpstarter.invocation;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.core.ResolvableType;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.bind.MissingRequestValueException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.MissingPathVariableException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.validation.BindException;
import tools.jackson.core.JacksonException;

import io.github.mcpstarter.discovery.EndpointParameter;
import io.github.mcpstarter.discovery.McpEndpoint;

/**
 * Says which arguments a rejected call got wrong, in the tool's own argument names, so the model
 * can correct itself (MCP 2025-11-25 wants input errors as tool results, not protocol errors).
 *
 * <p>MVC records the exception its resolvers handled; a 400 without that detail would only say
 * "Bad Request".
 */
final class ValidationMessages {

	private ValidationMessages() {
	}

	static @Nullable String describe(@Nullable Throwable exception, McpEndpoint endpoint) {
		if (exception == null) {
			return null;
		}
		List<String> problems = new ArrayList<>();
		if (exception instanceof BindException bind) {
			// A body's fields are named from the body argument; a model attribute's are query parameters.
			String prefix = (bind instanceof MethodArgumentNotValidException invalid
					&& invalid.getParameter().hasParameterAnnotation(RequestBody.class)) ? bodyPrefix(endpoint) : "";
			for (ObjectError error : bind.getBindingResult().getAllErrors()) {
				String field = (error instanceof FieldError fieldError) ? fieldError.getField() : null;
				problems.add(((field != null) ? prefix + field : bodyName(endpoint)) + ": " + error.getDefaultMessage());
			}
		}
		else if (exception instanceof HandlerMethodValidationException validation) {
			for (ParameterValidationResult result : validation.getParameterValidationResults()) {
				String name = argumentName(result, endpoint);
				for (MessageSourceResolvable error : result.getResolvableErrors()) {
					String field = (error instanceof FieldError fieldError) ? "." + fieldError.getField() : "";
					problems.add(name + field + ": " + error.getDefaultMessage());
				}
			}
		}
		else if (exception instanceof MissingServletRequestParameterException missing) {
			problems.add(missing.getParameterName() + ": is required");
		}
		else if (exception instanceof MissingPathVariableException missing) {
			problems.add(missing.getVariableName() + ": is required");
		}
		else if (exception instanceof MissingRequestHeaderException missing) {
			problems.add(missing.getHeaderName() + ": is required");
		}
		else if (exception instanceof MissingRequestValueException missing) {
			problems.add(missing.getMessage());
		}
		else if (exception instanceof MethodArgumentTypeMismatchException mismatch) {
			// For a list or array, the element type is what the value failed to be.
			ResolvableType parameterType = ResolvableType.forMethodParameter(mismatch.getParameter());
			Class<?> required = parameterType.isArray() ? parameterType.getComponentType().resolve()
					: (parameterType.asCollection() != ResolvableType.NONE)
							? parameterType.asCollection().resolveGeneric(0) : mismatch.getRequiredType();
			problems.add(mismatch.getName() + ": '" + mismatch.getValue() + "' is not a valid "
					+ ((required != null) ? describeType(required) : "value"));
		}
		else if (exception instanceof HttpMessageNotReadableException unreadable) {
			Throwable cause = unreadable.getMostSpecificCause();
			String reason = (cause instanceof JacksonException jackson) ? jackson.getOriginalMessage()
					: "the body is missing or malformed";
			problems.add(bodyName(endpoint) + ": " + reason);
		}
		return problems.isEmpty() ? null : "Invalid arguments: " + String.join("; ", problems);
	}

	private static String describeType(Class<?> type) {
		if (type.isEnum()) {
			List<String> names = new ArrayList<>();
			for (Object constant : type.getEnumConstants()) {
				names.add(((Enum<?>) constant).name());
			}
			return "value; use one of " + names;
		}
		return type.getSimpleName().toLowerCase(java.util.Locale.ROOT);
	}

	private static String argumentName(ParameterValidationResult result, McpEndpoint endpoint) {
		var parameter = result.getMethodParameter();
		RequestParam param = parameter.getParameterAnnotation(RequestParam.class);
		if (param != null && !param.name().isEmpty()) {
			return param.name();
		}
		PathVariable path = parameter.getParameterAnnotation(PathVariable.class);
		if (path != null && !path.name().isEmpty()) {
			return path.name();
		}
		RequestHeader header = parameter.getParameterAnnotation(RequestHeader.class);
		if (header != null && !header.name().isEmpty()) {
			return header.name();
		}
		String name = parameter.getParameterName();
		return (name != null) ? name : bodyName(endpoint);
	}

	private static String bodyName(McpEndpoint endpoint) {
		EndpointParameter body = endpoint.body();
		return (body != null) ? body.name() : "body";
	}

	private static String bodyPrefix(McpEndpoint endpoint) {
		EndpointParameter body = endpoint.body();
		return (body != null) ? body.name() + "." : "";
	}

}
