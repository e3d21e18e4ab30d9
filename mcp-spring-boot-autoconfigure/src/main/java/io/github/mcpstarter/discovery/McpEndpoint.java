package io.github.mcpstarter.discovery;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.accept.ApiVersionStrategy;
import org.springframework.web.method.HandlerMethod;

import io.github.mcpstarter.protocol.Tool;

/**
 * A Spring MVC endpoint published as a tool: the mapping MVC serves and what the tool looks like.
 *
 * @param name the tool's name
 * @param title the tool's title, or {@code null}
 * @param description the tool's description
 * @param annotations the tool's behaviour hints
 * @param httpMethod the one HTTP method the endpoint answers
 * @param pathPattern the path pattern as mapped, relative to the DispatcherServlet
 * @param consumes the media types the endpoint consumes (empty: any)
 * @param produces the media types the endpoint produces (empty: any)
 * @param parameters the tool's arguments, in the order of the handler's parameters
 * @param fixedQueryParameters query parameters the mapping's {@code params} condition demands
 * @param fixedHeaders headers the mapping's {@code headers} condition demands
 * @param handlerMethod the handler method itself
 * @param apiVersion the API version the mapping serves and the application's strategy that reads
 * it, or {@code null} when the application does not version its API
 */
public record McpEndpoint(String name, @Nullable String title, String description, Tool.ToolAnnotations annotations,
		HttpMethod httpMethod, String pathPattern, List<MediaType> consumes, List<MediaType> produces,
		List<EndpointParameter> parameters, Map<String, String> fixedQueryParameters, Map<String, String> fixedHeaders,
		HandlerMethod handlerMethod, @Nullable ApiVersion apiVersion) {

	/** An endpoint of an application that does not version its API. */
	public McpEndpoint(String name, @Nullable String title, String description, Tool.ToolAnnotations annotations,
			HttpMethod httpMethod, String pathPattern, List<MediaType> consumes, List<MediaType> produces,
			List<EndpointParameter> parameters, Map<String, String> fixedQueryParameters,
			Map<String, String> fixedHeaders, HandlerMethod handlerMethod) {
		this(name, title, description, annotations, httpMethod, pathPattern, consumes, produces, parameters,
				fixedQueryParameters, fixedHeaders, handlerMethod, null);
	}

	/**
	 * The API versioning of an endpoint (Spring Framework 7's {@code @GetMapping(version = ...)}).
	 * @param version the version the endpoint's tool sends, or {@code null} for a mapping without
	 * one (the call then carries no version, whatever the MCP request carries)
	 * @param strategy the application's strategy, which says where a request carries its version
	 */
	public record ApiVersion(@Nullable String version, ApiVersionStrategy strategy) {
	}

	/** {@code Class.method} of the handler, for messages. */
	public String handlerName() {
		return this.handlerMethod.getBeanType().getSimpleName() + "." + this.handlerMethod.getMethod().getName();
	}

	/** The body parameter, or {@code null} when the endpoint takes no body. */
	public @Nullable EndpointParameter body() {
		for (EndpointParameter parameter : this.parameters) {
			if (parameter.source() == ParameterSource.BODY) {
				return parameter;
			}
		}
		return null;
	}

}
