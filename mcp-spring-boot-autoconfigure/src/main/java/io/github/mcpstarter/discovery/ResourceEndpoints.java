package io.github.mcpstarter.discovery;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.util.InvalidMimeTypeException;
import org.springframework.web.method.HandlerMethod;

import io.github.mcpstarter.McpResource;
import io.github.mcpstarter.protocol.ResourceUriTemplate;

/**
 * Finds the {@link McpResource} endpoints and describes each as a resource or resource template:
 * its URI (template), checked against the handler's parameters, and its media type.
 *
 * <p>A resource is read with nothing but its URI, so the handler must be a {@code GET} without a
 * body whose every input the URI supplies: each path variable a {@code {name}} of the template,
 * each required query parameter a {@code {?name}}. Whatever does not fit is reported, all at once,
 * with its fix.
 *
 * @since 0.2.0
 */
public final class ResourceEndpoints {

	/** The scheme of a derived URI unless {@code mcp.server.resources.uri-scheme} says otherwise. */
	public static final String DEFAULT_URI_SCHEME = "resource";

	private static final Pattern SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.\\-]*");

	/** What {@code @McpResource} says of a handler. */
	public static final Publication.Reader READER = new Publication.Reader() {

		@Override
		public String noun() {
			return "resource";
		}

		@Override
		public String annotation() {
			return "@McpResource";
		}

		@Override
		public @Nullable Publication read(HandlerMethod handler, String where, List<String> problems) {
			McpResource annotation = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), McpResource.class);
			if (annotation == null) {
				return null;
			}
			return Publication.of("@McpResource", annotation.name().isEmpty() ? null : annotation.name(),
					annotation.title().isEmpty() ? null : annotation.title(),
					annotation.description().isBlank() ? null : annotation.description());
		}

	};

	private ResourceEndpoints() {
	}

	/**
	 * A published resource or template: its endpoint, its URI (template) and its media type.
	 * @param endpoint the endpoint that serves its reads
	 * @param uriTemplate its URI, parsed; {@link ResourceUriTemplate#isTemplate()} tells a template
	 * @param mimeType the media type listed, or {@code null}
	 */
	public record ResourceEndpoint(McpEndpoint endpoint, ResourceUriTemplate uriTemplate, @Nullable String mimeType) {
	}

	/**
	 * Finds and checks every {@code @McpResource} endpoint.
	 * @param scanner the scanner of Spring MVC's handlers
	 * @param uriScheme the scheme of URIs derived from a mapping
	 * @return the resources and templates, ordered by name
	 * @throws McpToolDefinitionException when any cannot be published as it stands
	 */
	public static List<ResourceEndpoint> scan(McpEndpointScanner scanner, String uriScheme) {
		if (!SCHEME.matcher(uriScheme).matches()) {
			throw new McpToolDefinitionException(List.of("mcp.server.resources.uri-scheme '" + uriScheme
					+ "' is no URI scheme. Fix: use a letter followed by letters, digits, '+', '-' or '.'."));
		}
		List<String> problems = new ArrayList<>();
		List<ResourceEndpoint> resources = new ArrayList<>();
		Map<String, ResourceEndpoint> byUri = new HashMap<>();
		for (McpEndpoint endpoint : scanner.scan(READER)) {
			ResourceEndpoint resource = describe(endpoint, uriScheme, problems);
			if (resource == null) {
				continue;
			}
			ResourceEndpoint previous = byUri.putIfAbsent(resource.uriTemplate().text(), resource);
			if (previous != null) {
				problems.add("Two resources have the URI '" + resource.uriTemplate().text() + "': "
						+ previous.endpoint().handlerName() + " and " + endpoint.handlerName()
						+ ". Fix: give one of them another @McpResource(uri = \"...\").");
				continue;
			}
			resources.add(resource);
		}
		if (!problems.isEmpty()) {
			throw new McpToolDefinitionException(problems);
		}
		return resources;
	}

	private static @Nullable ResourceEndpoint describe(McpEndpoint endpoint, String uriScheme, List<String> problems) {
		HandlerMethod handler = endpoint.handlerMethod();
		McpResource annotation = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), McpResource.class);
		String where = handler.getBeanType().getName() + "." + handler.getMethod().getName() + "()";
		int before = problems.size();
		if (endpoint.httpMethod() != HttpMethod.GET) {
			problems.add(where + ": it answers " + endpoint.httpMethod().name() + ", and a resource is read with GET."
					+ " Fix: publish it as a tool (@McpTool), or map a GET handler (@GetMapping).");
		}
		if (endpoint.body() != null) {
			problems.add(where + ": it takes a request body, which reading a resource cannot supply."
					+ " Fix: publish it as a tool (@McpTool), or take its inputs as path variables.");
		}
		String text = annotation.uri().isEmpty() ? derivedUri(uriScheme, endpoint.pathPattern()) : annotation.uri();
		ResourceUriTemplate template;
		try {
			template = ResourceUriTemplate.parse(text);
		}
		catch (IllegalArgumentException ex) {
			problems.add(where + ": its URI '" + text + "' is not a resource URI template: " + ex.getMessage()
					+ ". Fix: set @McpResource(uri = \"...\") to a URI such as orders://{id} or orders://all{?status}.");
			return null;
		}
		checkVariables(endpoint, template, where, problems);
		String mimeType = mimeType(annotation, endpoint, where, problems);
		return (problems.size() > before) ? null : new ResourceEndpoint(endpoint, template, mimeType);
	}

	/**
	 * The URI of a mapping's path under a scheme: {@code /orders/{id:\d+}} becomes
	 * {@code resource://orders/{id}}.
	 */
	static String derivedUri(String scheme, String pathPattern) {
		String path = pathPattern.replaceAll("\\{([A-Za-z0-9_]+)(?::[^}]*)?}", "{$1}");
		return scheme + "://" + (path.startsWith("/") ? path.substring(1) : path);
	}

	private static void checkVariables(McpEndpoint endpoint, ResourceUriTemplate template, String where,
			List<String> problems) {
		Map<String, EndpointParameter> byName = new HashMap<>();
		endpoint.parameters().forEach((parameter) -> byName.put(parameter.name(), parameter));
		Set<String> inUri = new LinkedHashSet<>(template.variables());
		inUri.addAll(template.queryVariables());
		for (EndpointParameter parameter : endpoint.parameters()) {
			if (parameter.source() == ParameterSource.PATH && !template.variables().contains(parameter.name())) {
				problems.add(where + ": its path variable '" + parameter.name() + "' is not in the URI '"
						+ template.text() + "'. Fix: add {" + parameter.name() + "} to @McpResource(uri).");
			}
			else if (parameter.source() == ParameterSource.QUERY && parameter.required()
					&& !inUri.contains(parameter.name())) {
				problems.add(where + ": its required parameter '" + parameter.name() + "' is not in the URI '"
						+ template.text() + "', so a read could not supply it. Fix: add {?" + parameter.name()
						+ "} to @McpResource(uri), or give the parameter a default value.");
			}
		}
		for (String variable : template.variables()) {
			EndpointParameter parameter = byName.get(variable);
			if (parameter == null || (parameter.source() != ParameterSource.PATH
					&& parameter.source() != ParameterSource.QUERY)) {
				problems.add(where + ": the URI variable {" + variable + "} is no parameter of the handler. Fix: name a"
						+ " @PathVariable or @RequestParam, or remove it from @McpResource(uri).");
			}
		}
		for (String variable : template.queryVariables()) {
			EndpointParameter parameter = byName.get(variable);
			if (parameter == null || parameter.source() != ParameterSource.QUERY) {
				problems.add(where + ": the URI query variable {?" + variable + "} is no query parameter of the"
						+ " handler. Fix: name a @RequestParam, or remove it from @McpResource(uri).");
			}
		}
	}

	private static @Nullable String mimeType(McpResource annotation, McpEndpoint endpoint, String where,
			List<String> problems) {
		if (!annotation.mimeType().isEmpty()) {
			try {
				MediaType declared = MediaType.parseMediaType(annotation.mimeType());
				if (!declared.isConcrete()) {
					throw new InvalidMimeTypeException(annotation.mimeType(), "it has a wildcard");
				}
				return annotation.mimeType();
			}
			catch (InvalidMimeTypeException | org.springframework.http.InvalidMediaTypeException ex) {
				problems.add(where + ": @McpResource(mimeType = \"" + annotation.mimeType()
						+ "\") is no media type. Fix: use one such as text/plain or application/json.");
				return null;
			}
		}
		List<MediaType> produces = endpoint.produces();
		if (produces.size() == 1 && produces.get(0).isConcrete()) {
			MediaType only = produces.get(0);
			return only.getType() + "/" + only.getSubtype();
		}
		return null;
	}

}
