package io.github.mcpstarter;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Publishes a Spring MVC {@code GET} handler method as an MCP resource, or, when its URI has
 * variables, as a resource template.
 *
 * <p>Reading the resource runs the endpoint in-process through Spring MVC, exactly as the REST
 * request would run, with the caller's identity: Spring Security's URL rules and method security
 * apply, and decide who sees the resource in {@code resources/list} as they decide who may call a
 * tool. The response becomes the read's contents: a textual body (any {@code text/*}, JSON, XML)
 * as {@code text}, any other as a base64 {@code blob}, with the response's media type.
 *
 * <pre class="code">
 * &#64;McpResource(uri = "orders://{id}", description = "One order, with its lines")
 * &#64;GetMapping("/orders/{id}")
 * Order order(&#64;PathVariable long id) { ... }
 * </pre>
 *
 * @see <a href="https://modelcontextprotocol.io/specification/2025-11-25/server/resources">MCP resources</a>
 * @since 0.2.0
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface McpResource {

	/**
	 * The resource's URI, or an RFC 6570 URI template: each path variable of the mapping must
	 * appear as {@code {name}}, and optional {@code @RequestParam}s may be named in a form-style
	 * query expansion at the end ({@code {?sort,limit}}); nothing else of RFC 6570 is accepted.
	 * Defaults to the mapping's path under the scheme {@code mcp.server.resources.uri-scheme}
	 * ({@code resource} unless set): {@code /orders/{id}} becomes {@code resource://orders/{id}}.
	 */
	String uri() default "";

	/**
	 * The resource's name, 1 to 128 characters of {@code A-Z a-z 0-9 _ - .}; defaults to the
	 * method's name in snake_case.
	 */
	String name() default "";

	/** A short human-readable title for user interfaces; none by default. */
	String title() default "";

	/**
	 * What the resource holds, for the model. Defaults to springdoc's {@code @Operation} summary and
	 * description when present, else to the HTTP method and path.
	 */
	String description() default "";

	/**
	 * The media type of the resource's contents, as listed. Defaults to the mapping's single
	 * {@code produces} type, else none is listed. A read always gives the response's own type.
	 */
	String mimeType() default "";

}
