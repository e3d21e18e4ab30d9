package io.github.mcpstarter.sample.common;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.Errors;
import org.springframework.validation.FieldError;
import org.springframework.validation.method.ParameterErrors;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;

/**
 * Renders errors as {@link ProblemDetail}s that tell a client, or an AI agent, what to fix.
 *
 * <p>{@link DomainException}s become problems with their own status, title and type. Validation
 * failures keep Spring MVC's problem but gain an {@code errors} member that names each invalid
 * field or parameter, which the framework's bare "Invalid request content." does not. Every
 * other Spring MVC exception is left to Spring Boot's handler, which
 * {@code spring.mvc.problemdetails.enabled} turns on; this advice is ordered first so that it
 * wins for the exceptions it handles.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ProblemDetailsAdvice {

	private static final Comparator<InvalidValue> BY_NAME = Comparator.comparing(InvalidValue::name)
		.thenComparing(InvalidValue::message);

	@ExceptionHandler
	ResponseEntity<ProblemDetail> handleDomainException(DomainException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(ex.getStatus(), ex.getMessage());
		problem.setTitle(ex.getTitle());
		problem.setType(ex.getType());
		ex.getProperties().forEach(problem::setProperty);
		return ResponseEntity.status(ex.getStatus()).body(problem);
	}

	/** An invalid {@code @Valid @RequestBody}. */
	@ExceptionHandler
	ResponseEntity<ProblemDetail> handleInvalidBody(MethodArgumentNotValidException ex) {
		return withErrors(ex, invalidValues(ex.getBindingResult()));
	}

	/** A constraint on a parameter failed, such as {@code @Min} on a request parameter. */
	@ExceptionHandler
	ResponseEntity<ProblemDetail> handleInvalidParameters(HandlerMethodValidationException ex) {
		List<InvalidValue> invalid = new ArrayList<>();
		for (ParameterValidationResult result : ex.getParameterValidationResults()) {
			String parameter = result.getMethodParameter().getParameterName();
			if (result instanceof ParameterErrors errors) {
				// A @Valid body validated along with the other parameters: report its fields.
				invalid.addAll(invalidValues(errors));
			}
			else {
				result.getResolvableErrors()
					.forEach((error) -> invalid.add(new InvalidValue(parameter, error.getDefaultMessage())));
			}
		}
		return withErrors(ex, invalid);
	}

	private static List<InvalidValue> invalidValues(Errors errors) {
		List<InvalidValue> invalid = new ArrayList<>();
		for (FieldError error : errors.getFieldErrors()) {
			invalid.add(new InvalidValue(error.getField(), error.getDefaultMessage()));
		}
		errors.getGlobalErrors()
			.forEach((error) -> invalid.add(new InvalidValue(error.getObjectName(), error.getDefaultMessage())));
		return invalid;
	}

	private static ResponseEntity<ProblemDetail> withErrors(ErrorResponse ex, List<InvalidValue> invalid) {
		ProblemDetail problem = ex.getBody();
		problem.setProperty("errors", invalid.stream().sorted(BY_NAME).toList());
		return ResponseEntity.status(ex.getStatusCode()).headers(ex.getHeaders()).body(problem);
	}

	/**
	 * One invalid value.
	 * @param name the field path, such as {@code lines[0].sku}, or the parameter name
	 * @param message what is wrong with it
	 */
	record InvalidValue(String name, String message) {
	}

}
