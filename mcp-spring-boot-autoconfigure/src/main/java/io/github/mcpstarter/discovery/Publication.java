package io.github.mcpstarter.discovery;

import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;

/**
 * What the annotation of one feature ({@code @McpTool}, {@code @McpResource}, {@code @McpPrompt})
 * says of a handler it publishes, its method's attributes merged over its class's.
 *
 * @param annotation the annotation as a fix names it ({@code @McpTool})
 * @param name the name it gives, or {@code null} for the default (the method's name in snake_case)
 * @param title its title, or {@code null}
 * @param description its description, or {@code null} for the default (springdoc's, else the mapping)
 * @param headers names of {@code @RequestHeader} parameters published as arguments
 * @param cookies names of {@code @CookieValue} parameters published as arguments
 * @param methodHeaders those of {@code headers} named on the method itself, which must all match a parameter
 * @param methodCookies those of {@code cookies} named on the method itself, which must all match a parameter
 * @param bodyName the name of the argument that carries the request body, or {@code null}
 * @param leaveOut how a fix tells the user to leave the method out ("leave the method out with
 * {@code @McpTool(exclude = true)}")
 * @since 0.2.0
 */
public record Publication(String annotation, @Nullable String name, @Nullable String title,
		@Nullable String description, Set<String> headers, Set<String> cookies, Set<String> methodHeaders,
		Set<String> methodCookies, @Nullable String bodyName, String leaveOut) {

	/**
	 * A publication that names no headers, cookies or body: what a resource or prompt annotation says.
	 * @param annotation the annotation as a fix names it
	 * @param name the name it gives, or {@code null}
	 * @param title its title, or {@code null}
	 * @param description its description, or {@code null}
	 */
	public static Publication of(String annotation, @Nullable String name, @Nullable String title,
			@Nullable String description) {
		return new Publication(annotation, name, title, description, Set.of(), Set.of(), Set.of(), Set.of(), null,
				"leave the method out (remove " + annotation + ")");
	}

	/**
	 * Which handlers one feature publishes, and what its annotation says of each.
	 */
	public interface Reader {

		/** What one published endpoint is called in messages ({@code tool}, {@code resource}). */
		String noun();

		/** The annotation as a fix names it ({@code @McpTool}). */
		String annotation();

		/**
		 * What the feature's annotations say of a handler.
		 * @param handler the handler method
		 * @param where the handler, for messages
		 * @param problems where to add what is wrong with the annotations themselves
		 * @return the publication, or {@code null} when this feature does not publish the handler
		 */
		@Nullable Publication read(HandlerMethod handler, String where, List<String> problems);

		/**
		 * What the feature's annotations say of a handler, knowing its mapping too (for a feature
		 * that publishes handlers by their path).
		 * @param info the handler's mapping
		 * @param handler the handler method
		 * @param where the handler, for messages
		 * @param problems where to add what is wrong with the annotations themselves
		 * @return the publication, or {@code null} when this feature does not publish the handler
		 */
		default @Nullable Publication read(RequestMappingInfo info, HandlerMethod handler, String where,
				List<String> problems) {
			return read(handler, where, problems);
		}

	}

}
