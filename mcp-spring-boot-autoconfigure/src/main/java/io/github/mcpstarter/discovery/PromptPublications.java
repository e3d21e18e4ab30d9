package io.github.mcpstarter.discovery;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.core.MethodParameter;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.HttpEntity;
import org.springframework.util.StringUtils;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ValueConstants;
import org.springframework.web.method.HandlerMethod;

import io.github.mcpstarter.McpPrompt;

/**
 * Which handlers {@code @McpPrompt} publishes as prompts, for
 * {@link McpEndpointScanner#scan(Publication.Reader)}.
 *
 * <p>A prompt's arguments are strings, one each: a handler that needs more of the client (a
 * request body, a required cookie, several values for one parameter) cannot be a prompt, and is
 * reported here, with the fix, before the scanner describes its parameters.
 *
 * @since 0.2.0
 */
public final class PromptPublications {

	/** What {@code @McpPrompt} says of a handler method. */
	public static final Publication.Reader READER = new Publication.Reader() {

		@Override
		public String noun() {
			return "prompt";
		}

		@Override
		public String annotation() {
			return ANNOTATION;
		}

		@Override
		public @Nullable Publication read(HandlerMethod handler, String where, List<String> problems) {
			McpPrompt prompt = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), McpPrompt.class);
			if (prompt == null) {
				return null;
			}
			int before = problems.size();
			for (MethodParameter parameter : handler.getMethodParameters()) {
				checkParameter(parameter, where, problems);
			}
			if (problems.size() > before) {
				// Its other parameters are described once these are fixed; a fix text of the
				// scanner's for tools (publish a header, name the body) would not apply here.
				return null;
			}
			return Publication.of(ANNOTATION, StringUtils.hasText(prompt.name()) ? prompt.name() : null,
					StringUtils.hasText(prompt.title()) ? prompt.title() : null,
					StringUtils.hasText(prompt.description()) ? prompt.description() : null);
		}

	};

	private static final String ANNOTATION = "@McpPrompt";

	private static final String LEAVE_OUT = "or leave the method out (remove @McpPrompt)";

	private PromptPublications() {
	}

	private static void checkParameter(MethodParameter declared, String where, List<String> problems) {
		MethodParameter parameter = declared.clone();
		parameter.initParameterNameDiscovery(new org.springframework.core.DefaultParameterNameDiscoverer());
		String what = where + " parameter '" + parameter.getParameterName() + "'";
		Class<?> type = parameter.getParameterType();
		if (parameter.hasParameterAnnotation(RequestBody.class) || HttpEntity.class.isAssignableFrom(type)
				|| parameter.hasParameterAnnotation(RequestPart.class)) {
			problems.add(what + " takes a request body, which a prompt cannot supply: prompt arguments are strings."
					+ " Fix: take its inputs as @RequestParam or @PathVariable parameters, " + LEAVE_OUT + ".");
			return;
		}
		CookieValue cookie = parameter.getParameterAnnotation(CookieValue.class);
		if (cookie != null && cookie.required() && ValueConstants.DEFAULT_NONE.equals(cookie.defaultValue())
				&& !parameter.isOptional()) {
			problems.add(what + " requires a cookie, which a prompt cannot supply: its arguments are path variables"
					+ " and query parameters. Fix: make the cookie optional (required = false), " + LEAVE_OUT + ".");
			return;
		}
		boolean argument = parameter.hasParameterAnnotation(RequestParam.class)
				|| parameter.hasParameterAnnotation(PathVariable.class);
		Class<?> value = (type == Optional.class) ? parameter.nestedIfOptional().getNestedParameterType() : type;
		if (argument && !Map.class.isAssignableFrom(value)
				&& (value.isArray() || Collection.class.isAssignableFrom(value))) {
			problems.add(what + " takes several values, and a prompt argument is one string."
					+ " Fix: take a single value (a String you split yourself, say), " + LEAVE_OUT + ".");
		}
	}

}
