package io.github.mcpstarter.invocation;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.util.UriComponents;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import io.github.mcpstarter.discovery.EndpointParameter;
import io.github.mcpstarter.discovery.McpEndpoint;
import io.github.mcpstarter.discovery.ParameterSource;

/**
 * Runs one published Spring MVC endpoint in process, whatever it is offered as (a tool, a
 * resource, a prompt): builds the HTTP request that a set of arguments stands for, lets the
 * application's filters and DispatcherServlet serve it on the calling thread, and captures the
 * response, for the feature to read as its kind of result.
 *
 * <p>The request inherits the MCP request's identity (principal, security context, session, remote
 * address) and its headers, less those that only concern the MCP exchange.
 *
 * @since 0.2.0
 */
public final class EndpointInvoker {

	/**
	 * Headers of the MCP request that the endpoint's request does not inherit: those of the MCP
	 * exchange itself, and trace context. A tracer would continue the client's trace from the
	 * latter and make the endpoint's span a sibling of the MCP request's, where it belongs under
	 * the tool call's, which is current when the endpoint runs.
	 */
	private static final Set<String> MCP_ONLY_HEADERS = Set.of("content-type", "content-length", "accept",
			"transfer-encoding", "connection", "keep-alive", "upgrade", "expect", "te", "trailer", "origin",
			"mcp-session-id", "mcp-protocol-version", "last-event-id", "mcp-method", "mcp-name", "traceparent",
			"tracestate", "baggage", "b3", "x-b3-traceid", "x-b3-spanid", "x-b3-parentspanid", "x-b3-sampled",
			"x-b3-flags");

	private final McpEndpoint endpoint;

	private final MvcDispatcher dispatcher;

	private final JsonMapper mapper;

	private final ToolRequestAuthorizer authorizer;

	private final long maxResponseSize;

	private final Map<String, EndpointParameter> parametersByName = new LinkedHashMap<>();

	private final String accept;

	private final String bodyContentType;

	/** The endpoint's path, parsed once; each call expands it, encoding the values. */
	private final UriComponents pathTemplate;

	/** Where the call carries the endpoint's API version, if the application versions its API. */
	private final ApiVersionInsertion apiVersion;

	/** The MCP request's headers the call does not inherit: the exchange's, and any API version's. */
	private final Set<String> exchangeOnlyHeaders;

	/** Path variables' regexes, compiled once, as MVC matches them. */
	private final Map<String, Pattern> pathRegexes = new HashMap<>();

	/**
	 * @param endpoint the endpoint to run
	 * @param dispatcher the DispatcherServlet to run it with
	 * @param mapper writes JSON bodies
	 * @param authorizer a further check of each request before it is dispatched
	 * @param maxResponseSize the most bytes of response body one invocation holds
	 */
	public EndpointInvoker(McpEndpoint endpoint, MvcDispatcher dispatcher, JsonMapper mapper,
			ToolRequestAuthorizer authorizer, long maxResponseSize) {
		this.maxResponseSize = maxResponseSize;
		this.authorizer = authorizer;
		this.endpoint = endpoint;
		this.dispatcher = dispatcher;
		this.mapper = mapper;
		for (EndpointParameter parameter : endpoint.parameters()) {
			this.parametersByName.put(parameter.name(), parameter);
		}
		this.accept = endpoint.produces().isEmpty() ? "application/json, */*;q=0.8"
				: MediaType.toString(endpoint.produces());
		this.bodyContentType = bodyContentType(endpoint);
		this.pathTemplate = UriComponentsBuilder.fromPath(endpoint.pathPattern()).encode().build();
		this.apiVersion = ApiVersionInsertion.of(endpoint, dispatcher.servletPrefix());
		Set<String> exchangeOnly = new HashSet<>(MCP_ONLY_HEADERS);
		exchangeOnly.addAll(this.apiVersion.headers());
		this.exchangeOnlyHeaders = Set.copyOf(exchangeOnly);
		for (EndpointParameter parameter : endpoint.parameters()) {
			if (parameter.rules().javaPattern() != null) {
				this.pathRegexes.put(parameter.name(), Pattern.compile(parameter.rules().javaPattern()));
			}
		}
	}

	public McpEndpoint endpoint() {
		return this.endpoint;
	}

	/** The most bytes of response body one invocation holds. */
	public long maxResponseSize() {
		return this.maxResponseSize;
	}

	/**
	 * Runs the endpoint with a set of arguments, as the REST request they stand for would run.
	 * @param arguments the arguments, by parameter name
	 * @param mcpRequest the MCP request, whose caller and headers the endpoint's request inherits
	 * @param mcpResponse the MCP response, which the endpoint's is captured apart from
	 * @param attributes request attributes for the endpoint's own arguments (progress, log)
	 * @return what came of it
	 */
	public Outcome invoke(ObjectNode arguments, HttpServletRequest mcpRequest, HttpServletResponse mcpResponse,
			Map<String, Object> attributes) {
		ToolCallRequest request;
		try {
			request = buildRequest(arguments, mcpRequest);
		}
		catch (InvalidArgumentsException ex) {
			return new Outcome.InvalidArguments(ex.getMessage());
		}
		attributes.forEach(request::setAttribute);
		String rejection = this.authorizer.rejection(request);
		if (rejection != null) {
			return new Outcome.Rejected(rejection);
		}
		if (!this.authorizer.isAllowed(request)) {
			return new Outcome.Denied();
		}
		CapturedResponse response = new CapturedResponse(mcpResponse, this.maxResponseSize);
		// Only this endpoint's handler may run (EndpointRoutingGuard); the marks are the MCP request's
		// attributes too, so they go when the dispatch is over.
		request.setAttribute(EndpointRoutingGuard.EXPECTED_HANDLER, this.endpoint.handlerMethod().getMethod());
		try {
			this.dispatcher.dispatch(request, response);
			if (request.getAttribute(EndpointRoutingGuard.MISROUTED) != null) {
				return new Outcome.InvalidArguments("Invalid arguments: with these values the request's path "
						+ request.getRequestURI() + " belongs to another endpoint of the application (an argument equals"
						+ " a literal part of its path), not to this one");
			}
		}
		catch (Exception ex) {
			if (response.tooLarge()) {
				// The limit stopped the endpoint's writing; nothing failed that the log needs to hear of.
				return new Outcome.TooLarge(this.maxResponseSize);
			}
			if (isAccessDenied(ex)) {
				// Method security refused it; as REST, Spring Security's filter would have answered 403.
				return new Outcome.Denied();
			}
			return new Outcome.Failed(ex);
		}
		finally {
			request.removeAttribute(EndpointRoutingGuard.EXPECTED_HANDLER);
			request.removeAttribute(EndpointRoutingGuard.MISROUTED);
		}
		Throwable handled = (Throwable) request.getAttribute(DispatcherServlet.EXCEPTION_ATTRIBUTE);
		return new Outcome.Served(response, handled, request.getRequestURL().toString());
	}

	/** What came of an invocation. */
	public sealed interface Outcome {

		/** The arguments do not fit the endpoint's parameters; nothing ran. */
		record InvalidArguments(String message) implements Outcome {
		}

		/** Turned away before any authorization, as a firewall turns away such a REST request (400). */
		record Rejected(String reason) implements Outcome {
		}

		/** Refused to the caller before or by method security (403). */
		record Denied() implements Outcome {
		}

		/** The response outgrew the limit. */
		record TooLarge(long limit) implements Outcome {
		}

		/** The endpoint failed, where the container would have answered 500. */
		record Failed(Exception exception) implements Outcome {
		}

		/**
		 * The endpoint, or a filter, answered.
		 * @param response the captured response
		 * @param handled the exception MVC's exception handling turned into the response, if any
		 * @param requestUrl the URL of the endpoint's request, to resolve relative locations against
		 */
		record Served(CapturedResponse response, @Nullable Throwable handled, String requestUrl) implements Outcome {

			/** Whether the application's filters or the endpoint refused the caller. */
			public boolean refusedTheCaller() {
				return this.response.status() == 401 || this.response.status() == 403;
			}

		}

	}

	/**
	 * The request that stands for every call of this endpoint, to judge URL rules before a call: the
	 * endpoint's method and path template (such as {@code /orders/{id}}), with the MCP request's
	 * caller and headers.
	 * @param mcpRequest the MCP request
	 */
	public HttpServletRequest templateRequest(HttpServletRequest mcpRequest) {
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.ACCEPT, this.accept);
		return new ToolCallRequest(mcpRequest, this.endpoint.httpMethod().name(), this.dispatcher.servletPrefix(),
				this.endpoint.pathPattern(), this.endpoint.pathPattern(), null, Map.of(), headers,
				this.exchangeOnlyHeaders, new byte[0]);
	}

	private static boolean isAccessDenied(Throwable exception) {
		for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
			for (Class<?> type = cause.getClass(); type != null; type = type.getSuperclass()) {
				if (type.getName().equals("org.springframework.security.access.AccessDeniedException")) {
					return true;
				}
			}
		}
		return false;
	}

	private ToolCallRequest buildRequest(ObjectNode arguments, HttpServletRequest mcpRequest) {
		List<String> problems = new ArrayList<>();
		for (Iterator<String> names = arguments.propertyNames().iterator(); names.hasNext();) {
			String name = names.next();
			if (!this.parametersByName.containsKey(name)) {
				problems.add("unknown argument '" + name + "'" + (this.parametersByName.isEmpty()
						? "; this tool takes no arguments" : "; this tool takes " + this.parametersByName.keySet()));
			}
		}
		Map<String, String> pathVariables = new HashMap<>();
		Map<String, String[]> query = new LinkedHashMap<>();
		this.endpoint.fixedQueryParameters().forEach((name, value) -> query.put(name, new String[] { value }));
		// The call's own headers; the MCP request's others show through (ToolCallRequest).
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.ACCEPT, this.accept);
		this.endpoint.fixedHeaders().forEach(headers::set);
		byte[] body = new byte[0];
		Map<String, String> cookies = new LinkedHashMap<>();
		for (EndpointParameter parameter : this.endpoint.parameters()) {
			JsonNode value = arguments.get(parameter.name());
			if (value == null || value.isNull()) {
				if (parameter.required()) {
					problems.add("missing required argument '" + parameter.name() + "'");
				}
				continue;
			}
			if (parameter.source() == ParameterSource.BODY) {
				body = bodyBytes(value, parameter);
				headers.set(HttpHeaders.CONTENT_TYPE, this.bodyContentType);
				continue;
			}
			List<String> values = textValues(parameter, value, problems);
			checkValues(parameter, values, problems);
			switch (parameter.source()) {
				case PATH -> pathVariables.put(parameter.name(), values.isEmpty() ? "" : values.get(0));
				case QUERY -> query.put(parameter.name(), values.toArray(String[]::new));
				case HEADER -> headers.put(parameter.name(), values);
				case COOKIE -> cookies.put(parameter.name(), values.isEmpty() ? "" : values.get(0));
				default -> throw new IllegalStateException("Unexpected source " + parameter.source());
			}
		}
		this.apiVersion.insert(pathVariables, query, headers);
		if (!problems.isEmpty()) {
			throw new InvalidArgumentsException("Invalid arguments: " + String.join("; ", problems));
		}
		String encodedPath = this.pathTemplate.expand(pathVariables).toUriString();
		return new ToolCallRequest(mcpRequest, this.endpoint.httpMethod().name(), this.dispatcher.servletPrefix(),
				encodedPath, UriUtils.decode(encodedPath, StandardCharsets.UTF_8), queryString(query), query, headers,
				this.exchangeOnlyHeaders, body, cookies);
	}

	/**
	 * Refuses, naming the argument, what MVC would otherwise turn into something else: a value
	 * that does not match the path variable's regex (MVC would answer 404, as if no such
	 * endpoint existed) and a lone value with a comma for a multi-valued input (MVC's conversion
	 * would split it into several, as it does for a REST request).
	 */
	private void checkValues(EndpointParameter parameter, List<String> values, List<String> problems) {
		if (parameter.source() == ParameterSource.PATH && !values.isEmpty() && !isPathSegment(values.get(0))) {
			// The container refuses an encoded slash and resolves dot segments, so no REST request
			// hands the endpoint such a value; without Spring Security's firewall, nothing else
			// would stop a tool call's ("../secret" for a file name).
			problems.add(parameter.name() + ": '" + values.get(0) + "' is no single path segment; it must not contain"
					+ " '/' or '\\', nor be '.' or '..'");
		}
		Pattern regex = this.pathRegexes.get(parameter.name());
		if (regex != null && !values.isEmpty() && !regex.matcher(values.get(0)).matches()) {
			problems.add(parameter.name() + ": '" + values.get(0) + "' does not match the pattern "
					+ parameter.rules().javaPattern());
		}
		if (parameter.multiValued() && !parameter.rules().verbatim() && values.size() == 1
				&& values.get(0).contains(",")) {
			problems.add(parameter.name() + ": the single value '" + values.get(0) + "' contains a comma, and Spring MVC"
					+ " splits a lone value at its commas; send it with other values, or without the comma");
		}
	}

	private static boolean isPathSegment(String value) {
		return !value.equals(".") && !value.equals("..") && value.indexOf('/') < 0 && value.indexOf('\\') < 0;
	}

	private byte[] bodyBytes(JsonNode value, EndpointParameter parameter) {
		if (CharSequence.class.isAssignableFrom(parameter.type().resolve(Object.class)) && value.isString()) {
			// MVC hands a String body the raw text, so the text is sent as it is, not as a JSON string.
			return value.asString().getBytes(StandardCharsets.UTF_8);
		}
		return this.mapper.writeValueAsBytes(value);
	}

	private static List<String> textValues(EndpointParameter parameter, JsonNode value, List<String> problems) {
		List<String> values = new ArrayList<>();
		if (value.isArray()) {
			if (!parameter.multiValued()) {
				problems.add("argument '" + parameter.name() + "' takes a single value, not an array");
				return values;
			}
			for (JsonNode element : value) {
				addScalar(parameter, element, values, problems);
			}
		}
		else {
			addScalar(parameter, value, values, problems);
		}
		return values;
	}

	private static void addScalar(EndpointParameter parameter, JsonNode value, List<String> values,
			List<String> problems) {
		if (value.isValueNode() && !value.isNull()) {
			values.add(value.asString());
		}
		else {
			problems.add("argument '" + parameter.name() + "' must be a string, number or boolean");
		}
	}

	private static @Nullable String queryString(Map<String, String[]> query) {
		if (query.isEmpty()) {
			return null;
		}
		StringBuilder out = new StringBuilder();
		query.forEach((name, values) -> {
			for (String value : values) {
				if (!out.isEmpty()) {
					out.append('&');
				}
				out.append(URLEncoder.encode(name, StandardCharsets.UTF_8))
					.append('=')
					.append(URLEncoder.encode(value, StandardCharsets.UTF_8));
			}
		});
		return out.toString();
	}

	private static String bodyContentType(McpEndpoint endpoint) {
		EndpointParameter body = endpoint.body();
		boolean text = body != null && CharSequence.class.isAssignableFrom(body.type().resolve(Object.class));
		for (MediaType consumable : endpoint.consumes()) {
			if (!consumable.isWildcardType() && !consumable.isWildcardSubtype()) {
				return consumable.toString();
			}
		}
		return text ? "text/plain;charset=UTF-8" : MediaType.APPLICATION_JSON_VALUE;
	}

	/** Arguments that do not fit the endpoint's inputs. */
	private static final class InvalidArgumentsException extends RuntimeException {

		InvalidArgumentsException(String message) {
			super(message);
		}

	}

}
