package io.github.mcpstarter.invocation;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.server.RequestPath;
import org.springframework.web.accept.ApiVersionStrategy;
import org.springframework.web.util.ServletRequestPathUtils;
import org.springframework.web.util.UriComponentsBuilder;

import io.github.mcpstarter.discovery.McpEndpoint;

/**
 * Where a tool call carries its endpoint's API version, so that MVC runs the handler of that
 * version, whatever version the MCP request itself carries.
 *
 * <p>The application's {@link ApiVersionStrategy} is asked, once, with a request that records what
 * the strategy reads from it: the headers and query parameters it reads are where the version
 * goes (and the MCP request's own values there never reach the endpoint), and a path variable
 * that the strategy reads as the version segment is filled with it. A query parameter resolver
 * parses the query string itself, so common names ({@code version}, {@code api-version}...) are
 * offered to it, and so are common media type parameter names ({@code version}, {@code v}...) to a
 * media type resolver, which parses the Accept header itself. A strategy that reads a name
 * outside these cannot be served this way: that is logged at startup, and such calls carry no
 * version.
 */
final class ApiVersionInsertion {

	private static final Log logger = LogFactory.getLog(ApiVersionInsertion.class);

	private static final String MARKER = "mcp-version-probe-";

	/**
	 * Query parameter names tried when the strategy reads none of the headers or path: a query
	 * resolver parses the query string itself, so the name it looks for cannot be recorded.
	 */
	private static final List<String> QUERY_CANDIDATES = List.of("version", "api-version", "apiVersion", "api_version",
			"v");

	/** Media type parameter names offered to a media type resolver, which parses the Accept header itself. */
	private static final List<String> MEDIA_TYPE_CANDIDATES = List.of("version", "v", "api-version", "apiVersion");

	/** Nothing to insert, nothing to keep from the endpoint: the application does not version its API. */
	static final ApiVersionInsertion NONE = new ApiVersionInsertion(null, Set.of(), Set.of(), null, null);

	private final @Nullable String version;

	private final Set<String> headers;

	private final Set<String> queryParameters;

	private final @Nullable String pathVariable;

	private final @Nullable String mediaTypeParameter;

	private ApiVersionInsertion(@Nullable String version, Set<String> headers, Set<String> queryParameters,
			@Nullable String pathVariable, @Nullable String mediaTypeParameter) {
		this.version = version;
		this.headers = headers;
		this.queryParameters = queryParameters;
		this.pathVariable = pathVariable;
		this.mediaTypeParameter = mediaTypeParameter;
	}

	/**
	 * Where the endpoint's version goes.
	 * @param endpoint the endpoint
	 * @param servletPrefix the DispatcherServlet's path prefix ({@code ""} when mapped to {@code /})
	 */
	static ApiVersionInsertion of(McpEndpoint endpoint, String servletPrefix) {
		McpEndpoint.ApiVersion apiVersion = endpoint.apiVersion();
		if (apiVersion == null) {
			return NONE;
		}
		Set<String> headers = new LinkedHashSet<>();
		Set<String> parameters = new LinkedHashSet<>();
		// Each URI variable stands for itself, so the strategy's version segment names its variable.
		Map<String, String> markers = new LinkedHashMap<>();
		String probePath = servletPrefix + UriComponentsBuilder.fromPath(endpoint.pathPattern())
			.build()
			.expand((name) -> {
				String marker = MARKER + markers.size();
				markers.put(marker, name);
				return marker;
			})
			.toUriString();
		RequestPath path = RequestPath.parse(probePath, null);
		StringBuilder candidates = new StringBuilder();
		for (int i = 0; i < QUERY_CANDIDATES.size(); i++) {
			candidates.append((i > 0) ? "&" : "").append(QUERY_CANDIDATES.get(i)).append('=').append(MARKER).append('q')
				.append(i);
		}
		StringBuilder acceptCandidates = new StringBuilder("*/*");
		for (int i = 0; i < MEDIA_TYPE_CANDIDATES.size(); i++) {
			acceptCandidates.append(';').append(MEDIA_TYPE_CANDIDATES.get(i)).append('=').append(MARKER).append('a')
				.append(i);
		}
		String[] queryString = { null };
		String[] accept = { null };
		HttpServletRequest probe = (HttpServletRequest) Proxy.newProxyInstance(ApiVersionInsertion.class.getClassLoader(),
				new Class<?>[] { HttpServletRequest.class }, (proxy, method, args) -> switch (method.getName()) {
					case "getHeader" -> {
						headers.add(((String) args[0]).toLowerCase(Locale.ROOT));
						yield null;
					}
					case "getHeaders" -> {
						headers.add(((String) args[0]).toLowerCase(Locale.ROOT));
						yield (accept[0] != null && HttpHeaders.ACCEPT.equalsIgnoreCase((String) args[0]))
								? Collections.enumeration(List.of(accept[0])) : Collections.emptyEnumeration();
					}
					case "getParameter", "getParameterValues" -> {
						parameters.add((String) args[0]);
						yield null;
					}
					case "getParameterMap" -> Map.of();
					case "getAttribute" -> ServletRequestPathUtils.PATH_ATTRIBUTE.equals(args[0]) ? path : null;
					case "getRequestURI" -> probePath;
					case "getQueryString" -> queryString[0];
					case "getContextPath", "getServletPath" -> "";
					case "hashCode" -> System.identityHashCode(proxy);
					case "equals" -> proxy == args[0];
					case "toString" -> "API version probe";
					default -> (method.getReturnType() == boolean.class) ? false
							: (method.getReturnType() == int.class) ? 0 : (method.getReturnType() == long.class) ? 0L : null;
				});
		String resolved = resolve(apiVersion.strategy(), probe);
		String pathVariable = (resolved != null) ? markers.get(resolved) : null;
		// Content negotiation reads Accept and Content-Type too; the version is not sent in them.
		headers.remove("accept");
		headers.remove("content-type");
		if (pathVariable == null) {
			queryString[0] = candidates.toString();
			resolved = resolve(apiVersion.strategy(), probe);
			if (resolved != null && resolved.startsWith(MARKER + "q")) {
				parameters.add(QUERY_CANDIDATES.get(Integer.parseInt(resolved.substring(MARKER.length() + 1))));
			}
			headers.remove("accept");
			headers.remove("content-type");
		}
		String mediaTypeParameter = null;
		if (pathVariable == null && parameters.isEmpty() && headers.isEmpty()) {
			queryString[0] = null;
			accept[0] = acceptCandidates.toString();
			resolved = resolve(apiVersion.strategy(), probe);
			if (resolved != null && resolved.startsWith(MARKER + "a")) {
				mediaTypeParameter = MEDIA_TYPE_CANDIDATES.get(Integer.parseInt(resolved.substring(MARKER.length() + 1)));
			}
			headers.remove("accept");
			headers.remove("content-type");
		}
		if (apiVersion.version() != null && headers.isEmpty() && pathVariable == null && parameters.isEmpty()
				&& mediaTypeParameter == null) {
			logger.warn("Tool '" + endpoint.name() + "' (" + endpoint.handlerName() + ") serves API version "
					+ apiVersion.version() + ", but the application's ApiVersionStrategy reads versions from no header,"
					+ " path segment, query parameter or media type parameter a tool call can write: its calls carry"
					+ " no version, and MVC serves them as requests without one.");
		}
		return new ApiVersionInsertion(apiVersion.version(), Set.copyOf(headers), Set.copyOf(parameters),
				pathVariable, mediaTypeParameter);
	}

	private static @Nullable String resolve(ApiVersionStrategy strategy, HttpServletRequest probe) {
		try {
			return strategy.resolveVersion(probe);
		}
		catch (RuntimeException ex) {
			// A resolver that finds no version where it looks; those before it were recorded.
			return null;
		}
	}

	/** The MCP request's headers (lower case) that must not reach the endpoint: those that carry a version. */
	Set<String> headers() {
		return this.headers;
	}

	/** The path variable that carries the version, or {@code null}. */
	@Nullable String pathVariable() {
		return this.pathVariable;
	}

	/** The version the call sends, or {@code null} for none. */
	@Nullable String version() {
		return this.version;
	}

	/** Puts the version where the strategy reads it. */
	void insert(Map<String, String> pathVariables, Map<String, String[]> query,
			HttpHeaders callHeaders) {
		if (this.version == null) {
			return;
		}
		for (String header : this.headers) {
			callHeaders.set(header, this.version);
		}
		for (String parameter : this.queryParameters) {
			query.put(parameter, new String[] { this.version });
		}
		if (this.pathVariable != null) {
			pathVariables.put(this.pathVariable, this.version);
		}
		if (this.mediaTypeParameter != null) {
			// The resolver reads the first accepted type that fits, so each one carries the version.
			List<MediaType> accepted = new ArrayList<>();
			for (MediaType type : callHeaders.getAccept()) {
				Map<String, String> parameters = new LinkedHashMap<>(type.getParameters());
				parameters.put(this.mediaTypeParameter, this.version);
				accepted.add(new MediaType(type, parameters));
			}
			callHeaders.setAccept(accepted);
		}
	}

}
