package io.github.mcpstarter.invocation;

import org.jspecify.annotations.Nullable;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

import io.github.mcpstarter.ClientInput;
import io.github.mcpstarter.ToolLog;
import io.github.mcpstarter.ToolProgress;

/**
 * Supplies the {@link ToolProgress}, {@link ToolLog} and {@link ClientInput} parameters of a
 * handler method: the call's own during a call, and the no-op ones for a plain REST request.
 */
public class ToolCallArgumentResolver implements HandlerMethodArgumentResolver {

	/** The request attribute a tool call puts its {@link ToolProgress} under. */
	static final String PROGRESS_ATTRIBUTE = ToolProgress.class.getName();

	/** The request attribute a tool call puts its {@link ToolLog} under. */
	static final String LOG_ATTRIBUTE = ToolLog.class.getName();

	/** The request attribute a call puts its {@link ClientInput} under. */
	static final String INPUT_ATTRIBUTE = ClientInput.class.getName();

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		Class<?> type = parameter.getParameterType();
		return type == ToolProgress.class || type == ToolLog.class || type == ClientInput.class;
	}

	@Override
	public Object resolveArgument(MethodParameter parameter, @Nullable ModelAndViewContainer mavContainer,
			NativeWebRequest webRequest, @Nullable WebDataBinderFactory binderFactory) {
		if (parameter.getParameterType() == ClientInput.class) {
			Object input = webRequest.getAttribute(INPUT_ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
			return (input instanceof ClientInput clientInput) ? clientInput : ClientInput.NONE;
		}
		if (parameter.getParameterType() == ToolLog.class) {
			Object log = webRequest.getAttribute(LOG_ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
			return (log instanceof ToolLog toolLog) ? toolLog : ToolLog.NONE;
		}
		Object progress = webRequest.getAttribute(PROGRESS_ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
		return (progress instanceof ToolProgress toolProgress) ? toolProgress : ToolProgress.NONE;
	}

}
