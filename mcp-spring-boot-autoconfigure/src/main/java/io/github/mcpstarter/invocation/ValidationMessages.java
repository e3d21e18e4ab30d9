package io.github.mcpstarter.invocation;

import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.TypeMismatchException;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.core.MethodParameter;
import org.springframework.core.ResolvableType;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.util.ClassUtils;
import org.springframework.validation.BindException;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingPathVariableException;
import org.springframework.web.bind.MissingRequestCookieException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingRequestValueException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentConversionNotSupportedException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.InvalidNullException;
import tools.jackson.databind.exc.InvalidTypeIdException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.PropertyBindingException;
import tools.jackson.databind.exc.ValueInstantiationException;

import io.github.mcpstarter.discovery.EndpointParameter;
import io.github.mcpstarter.discovery.McpEndpoint;

/**
 * Says which arguments a rejected call got wrong, in the tool's own argument names, so the model
 * can correct itself (MCP 2025-11-25 wants input errors as tool results, not protocol errors).
 *
 * <p>MVC records the exception its resolvers handled; a 400 without that detail would only say
 * "Bad Request". Each problem names the argument (with the path into a body, such as
 * {@code order.lines[0].quantity}) and what was wrong in JSON terms ("expected an object", "'abc'
 * is not a valid integer"), never a Java type: the exceptions' own messages name classes, which a
 * model cannot act on and a caller should not learn.
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
				if (error instanceof FieldError fieldError) {
					problems.add(prefix + fieldError.getField() + ": " + fieldMessage(fieldError, bind, endpoint));
				}
				else {
					problems.add(bodyName(endpoint) + ": " + error.getDefaultMessage());
				}
			}
		}
		else if (exception instanceof HandlerMethodValidationException validation) {
			for (ParameterValidationResult result : validation.getParameterValidationResults()) {
				// An element of a List<@Valid T> or a value of a Map<K, @Valid V> is named by its place.
				String name = argumentName(result.getMethodParameter(), endpoint)
						+ ((result.getContainerIndex() != null) ? "[" + result.getContainerIndex() + "]"
								: (result.getContainerKey() != null) ? "[" + result.getContainerKey() + "]" : "");
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
		else if (exception instanceof MissingRequestCookieException missing) {
			problems.add(missing.getCookieName() + ": is required");
		}
		else if (exception instanceof MissingRequestValueException missing) {
			// Its own message names the Java type of the parameter.
			problems.add("a required argument is missing");
		}
		else if (exception instanceof MethodArgumentTypeMismatchException mismatch) {
			problems.add(mismatch.getName() + ": " + shown(mismatch.getValue()) + " is not a valid "
					+ describeType(elementType(mismatch.getParameter(), mismatch.getRequiredType()),
							parameter(endpoint, mismatch.getName())));
		}
		else if (exception instanceof TypeMismatchException mismatch) {
			// A handler argument MVC has no converter for names itself; a bound property by its path.
			String name = (mismatch instanceof MethodArgumentConversionNotSupportedException unsupported)
					? unsupported.getName()
					: (mismatch.getPropertyName() != null) ? mismatch.getPropertyName() : bodyName(endpoint);
			problems.add(name + ": " + shown(mismatch.getValue()) + " is not a valid "
					+ describeType(mismatch.getRequiredType(), parameter(endpoint, name)));
		}
		else if (exception instanceof HttpMessageNotReadableException unreadable) {
			problems.add(unreadable(unreadable, endpoint));
		}
		return problems.isEmpty() ? null : "Invalid arguments: " + String.join("; ", problems);
	}

	/** A binding failure's default message names Java types ("Failed to convert ... to required type 'int'"). */
	private static @Nullable String fieldMessage(FieldError error, BindException bind, McpEndpoint endpoint) {
		if (!error.isBindingFailure()) {
			return error.getDefaultMessage();
		}
		Class<?> type = bind.getBindingResult().getFieldType(error.getField());
		return shown(error.getRejectedValue()) + " is not a valid "
				+ describeType(type, parameter(endpoint, error.getField()));
	}

	/** A body Jackson could not read, at the place in the body where it failed. */
	private static String unreadable(HttpMessageNotReadableException exception, McpEndpoint endpoint) {
		Throwable cause = exception.getMostSpecificCause();
		JacksonException jackson = null;
		for (Throwable candidate = exception; candidate != null; candidate = candidate.getCause()) {
			if (candidate instanceof JacksonException found) {
				jackson = found;
				break;
			}
		}
		if (jackson == null) {
			return bodyName(endpoint) + ": " + ((cause == exception) ? "is missing or malformed" : "could not be read");
		}
		StringBuilder where = new StringBuilder(bodyName(endpoint));
		for (JacksonException.Reference reference : jackson.getPath()) {
			if (reference.getPropertyName() != null) {
				where.append('.').append(reference.getPropertyName());
			}
			else if (reference.getIndex() >= 0) {
				where.append('[').append(reference.getIndex()).append(']');
			}
		}
		return where + ": " + reason(jackson);
	}

	private static String reason(JacksonException exception) {
		if (exception instanceof PropertyBindingException unknown) {
			return "has no property '" + unknown.getPropertyName() + "'";
		}
		if (exception instanceof InvalidTypeIdException) {
			return "has a missing or unknown type";
		}
		if (exception instanceof InvalidNullException) {
			return "must not be null";
		}
		if (exception instanceof InvalidFormatException invalid) {
			return shown(invalid.getValue()) + " is not a valid " + describeType(invalid.getTargetType(), null);
		}
		if (exception instanceof ValueInstantiationException) {
			return "has values that do not go together";
		}
		if (exception instanceof MismatchedInputException mismatch) {
			String shape = jsonShape(mismatch.getTargetType());
			return (shape != null) ? "expected " + shape : "has the wrong type";
		}
		if (exception instanceof StreamReadException) {
			return "is not valid JSON";
		}
		return "could not be read";
	}

	/** What the JSON of a type looks like, or {@code null} when Jackson may read it from several shapes. */
	private static @Nullable String jsonShape(@Nullable Class<?> type) {
		if (type == null) {
			return null;
		}
		Class<?> boxed = ClassUtils.resolvePrimitiveIfNecessary(type);
		if (isInteger(boxed)) {
			return "an integer";
		}
		if (Number.class.isAssignableFrom(boxed)) {
			return "a number";
		}
		if (boxed == Boolean.class) {
			return "true or false";
		}
		if (CharSequence.class.isAssignableFrom(boxed) || boxed == Character.class || boxed == UUID.class
				|| Temporal.class.isAssignableFrom(boxed) || boxed == Duration.class) {
			return "a string";
		}
		if (type.isEnum() || hasJacksonAnnotation(type)) {
			// @JsonValue or a delegating @JsonCreator: the JSON may well not be an object.
			return null;
		}
		if (type.isArray() || Collection.class.isAssignableFrom(type)) {
			return "an array";
		}
		return "an object";
	}

	private static boolean hasJacksonAnnotation(Class<?> type) {
		for (Method method : type.getDeclaredMethods()) {
			if (hasAnnotationNamed(method.getAnnotations(), "JsonValue", "JsonCreator")) {
				return true;
			}
		}
		for (Constructor<?> constructor : type.getDeclaredConstructors()) {
			if (hasAnnotationNamed(constructor.getAnnotations(), "JsonCreator")) {
				return true;
			}
		}
		return hasAnnotationNamed(type.getAnnotations(), "JsonDeserialize", "JsonTypeInfo");
	}

	private static boolean hasAnnotationNamed(java.lang.annotation.Annotation[] annotations, String... names) {
		for (java.lang.annotation.Annotation annotation : annotations) {
			for (String name : names) {
				if (annotation.annotationType().getSimpleName().equals(name)) {
					return true;
				}
			}
		}
		return false;
	}

	/** A rejected value as the caller sent it: text in quotes, several values each in quotes. */
	static String shown(@Nullable Object value) {
		if (value == null) {
			return "null";
		}
		if (value.getClass().isArray()) {
			List<String> elements = new ArrayList<>();
			for (int i = 0; i < Array.getLength(value); i++) {
				elements.add(shown(Array.get(value, i)));
			}
			return (elements.size() == 1) ? elements.get(0) : String.join(", ", elements);
		}
		if (value instanceof Collection<?> collection) {
			return shown(collection.toArray());
		}
		if (value instanceof CharSequence || value instanceof Number || value instanceof Boolean
				|| value instanceof Character || value instanceof Enum<?>) {
			return "'" + value + "'";
		}
		// Anything else would print its toString(), which may be a Java type and a hash.
		return "the value";
	}

	private static boolean isInteger(Class<?> type) {
		return type == Integer.class || type == Long.class || type == Short.class || type == Byte.class
				|| type == BigInteger.class;
	}

	/** A type in the words of the tool's schema: integer, number, date..., never a Java class name. */
	static String describeType(@Nullable Class<?> type, @Nullable EndpointParameter parameter) {
		if (type == null) {
			return "value";
		}
		Class<?> boxed = ClassUtils.resolvePrimitiveIfNecessary(type);
		if (type.isEnum()) {
			List<String> allowed = (parameter != null) ? parameter.rules().allowedValues() : null;
			return (allowed != null) ? "value; use one of " + allowed : "value";
		}
		if (isInteger(boxed)) {
			return "integer";
		}
		if (boxed == BigDecimal.class || Number.class.isAssignableFrom(boxed)) {
			return "number";
		}
		if (boxed == Boolean.class) {
			return "boolean (true or false)";
		}
		if (boxed == Character.class) {
			return "single character";
		}
		if (boxed == UUID.class) {
			return "UUID";
		}
		if (boxed == LocalDate.class) {
			return "date";
		}
		if (boxed == LocalTime.class) {
			return "time";
		}
		if (boxed == LocalDateTime.class || boxed == OffsetDateTime.class || boxed == ZonedDateTime.class
				|| boxed == Instant.class) {
			return "date-time";
		}
		if (boxed == Duration.class) {
			return "duration";
		}
		return "value";
	}

	/** For a list or array, the element type is what a value failed to be. */
	private static @Nullable Class<?> elementType(MethodParameter parameter, @Nullable Class<?> required) {
		ResolvableType type = ResolvableType.forMethodParameter(parameter.nestedIfOptional());
		if (type.isArray()) {
			return type.getComponentType().resolve();
		}
		if (type.asCollection() != ResolvableType.NONE) {
			return type.asCollection().resolveGeneric(0);
		}
		return (type.resolve() != null && type.resolve() != Object.class) ? type.resolve() : required;
	}

	private static @Nullable EndpointParameter parameter(McpEndpoint endpoint, String name) {
		for (EndpointParameter parameter : endpoint.parameters()) {
			if (parameter.name().equals(name)) {
				return parameter;
			}
		}
		return null;
	}

	private static String argumentName(MethodParameter parameter, McpEndpoint endpoint) {
		if (parameter.hasParameterAnnotation(RequestBody.class)) {
			return bodyName(endpoint);
		}
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
		CookieValue cookie = parameter.getParameterAnnotation(CookieValue.class);
		if (cookie != null && !cookie.name().isEmpty()) {
			return cookie.name();
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
