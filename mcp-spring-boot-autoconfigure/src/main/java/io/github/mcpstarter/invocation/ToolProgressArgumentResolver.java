package io.github.mcpstarter.invocation;

import org.jspecify.annotations.Nullable;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

import io.github.mcpstarter.ToolProgress;

/**
 * Supplies a {@link ToolProgress} parameter: the call's own during a tool call, and
 * {@link ToolProgress#NONE} for a plain REST request.
 */
public class ToolProgressArgumentResolver implements HandlerMethodArgumentResolver {

	/** The request attribute a tool call puts its {@link ToolProgress} under. */
	static final String ATTRIBUTE = ToolProgress.class.getName();

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		return ToolProgress.class == parameter.getParameterType();
	}

	@Override
	public Object resolveArgument(MethodParameter parameter, @Nullable ModelAndViewContainer mavContainer,
			NativeWebRequest webRequest, @Nullable WebDataBinderFactory binderFactory) {
		Object progress = webRequest.getAttribute(ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
		return (progress instanceof ToolProgress toolProgress) ? toolProgress : ToolProgress.NONE;
	}

}
