package io.github.mcpstarter.discovery;

/**
 * Where a tool argument travels in the HTTP request that runs the endpoint.
 */
public enum ParameterSource {

	/** A URI template variable ({@code @PathVariable}). */
	PATH,

	/**
	 * A query parameter ({@code @RequestParam}, a simple unannotated parameter, a property of a
	 * model attribute, or the page, size and sort of a Spring Data {@code Pageable} or {@code Sort}).
	 */
	QUERY,

	/** A request header the tool publishes ({@code @RequestHeader} named in {@code @McpTool(headers)}). */
	HEADER,

	/** A cookie the tool publishes ({@code @CookieValue} named in {@code @McpTool(cookies)}). */
	COOKIE,

	/** The JSON request body ({@code @RequestBody}, {@code HttpEntity<T>}). */
	BODY

}
