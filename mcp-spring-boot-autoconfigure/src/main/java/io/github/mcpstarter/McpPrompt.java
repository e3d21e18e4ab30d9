package io.github.mcpstarter;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Publishes a Spring MVC handler method as an MCP prompt: {@code prompts/get} runs the endpoint
 * in process, as its REST request would run, and its response becomes the prompt's messages.
 *
 * <p>The prompt's arguments are the handler's path variables and query parameters (a client
 * supplies every argument as a string, which MVC converts as it converts a REST request's), each
 * required as MVC requires it, described by springdoc's {@code @Parameter(description)} where the
 * handler has one. A handler that needs anything else from the client (a request body, a
 * published header, a multi-valued parameter) fails startup, naming the fix.
 *
 * <p>What the response becomes:
 * <ul>
 * <li>{@code text/*}: one user message with that text;</li>
 * <li>JSON: a list of messages ({@code [{"role":"user","content":{"type":"text","text":"..."}}]}),
 * an object {@code {"description": "...", "messages": [...]}}, or a string (one user message);
 * content may be text, image, audio, an embedded resource or a resource link, as MCP defines them;</li>
 * <li>{@code image/*}, {@code audio/*}: one user message with that image or audio;</li>
 * <li>anything else, or a body with a {@code Content-Location}: one user message embedding it as
 * a resource.</li>
 * </ul>
 *
 * <p>Security is the endpoint's, as for tools: a caller its URL rules or method security refuse
 * does not see the prompt listed, and one whose token lacks a scope gets a scope challenge.
 *
 * @see <a href="https://modelcontextprotocol.io/specification/2025-11-25/server/prompts">MCP prompts</a>
 * @since 0.2.0
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface McpPrompt {

	/**
	 * The prompt's name, 1 to 128 characters of {@code A-Z a-z 0-9 _ - .}; defaults to the
	 * method's name in snake_case ({@code reviewCode} becomes {@code review_code}).
	 */
	String name() default "";

	/** A short human-readable title for user interfaces; none by default. */
	String title() default "";

	/**
	 * What the prompt is for, shown to the user choosing it. Defaults to springdoc's
	 * {@code @Operation} summary and description when present, else to the HTTP method and path.
	 */
	String description() default "";

}
