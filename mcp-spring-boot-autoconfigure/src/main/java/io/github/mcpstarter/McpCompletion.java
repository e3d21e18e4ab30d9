package io.github.mcpstarter;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Suggests values for a parameter of a published prompt or resource template, from an ordinary
 * GET endpoint of the application: {@code completion/complete} for that argument calls it in
 * process (through the application's filters and security, as the REST call would go), with what
 * the user typed so far as the query parameter {@link #parameter()}, and answers with the strings
 * of the JSON array it returns (at most 100 of them are sent).
 *
 * <pre class="code">
 * &#64;GetMapping("/orders/{id}")
 * &#64;McpResource(uri = "orders://{id}")
 * Order order(&#64;PathVariable &#64;McpCompletion("/orders/ids") String id) { ... }
 *
 * &#64;GetMapping("/orders/ids")
 * List&lt;String&gt; orderIds(&#64;RequestParam String prefix) { ... }
 * </pre>
 *
 * <p>The suggestion endpoint also receives the values of the offering's other arguments that the
 * client already knows, as query parameters of the same names, where it takes such parameters.
 * A parameter of an enum type needs no endpoint: its constants are suggested.
 *
 * @see <a href="https://modelcontextprotocol.io/specification/2025-11-25/server/utilities/completion">MCP completion</a>
 * @since 0.2.0
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface McpCompletion {

	/**
	 * The path of the GET endpoint that suggests values, as it is mapped (relative to the
	 * DispatcherServlet, such as {@code /orders/ids}).
	 */
	String value();

	/** The query parameter that carries what the user typed so far. */
	String parameter() default "prefix";

}
