package io.github.mcpstarter.realcode;

import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

import io.github.mcpstarter.realcode.Models.ApiEnvelope;
import io.github.mcpstarter.realcode.Models.Meta;

/** Wraps every JSON body of {@link ReportsController} as {@code {"data": ..., "meta": ...}}. */
@RestControllerAdvice(assignableTypes = ReportsController.class)
class EnvelopeAdvice implements ResponseBodyAdvice<Object> {

	@Override
	public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
		return converterType.getSimpleName().contains("Jackson");
	}

	@Override
	public ApiEnvelope<?> beforeBodyWrite(Object body, MethodParameter returnType, MediaType contentType,
			Class<? extends HttpMessageConverter<?>> converterType, ServerHttpRequest request,
			ServerHttpResponse response) {
		return new ApiEnvelope<>(body, new Meta("realcode", 1));
	}

}
