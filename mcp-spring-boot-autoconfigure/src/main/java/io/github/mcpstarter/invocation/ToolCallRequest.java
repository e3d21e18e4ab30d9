package io.github.mcpstarter.invocation;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestWrapper;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletMapping;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.MappingMatch;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;

/**
 * The HTTP request a tool call becomes: the endpoint's method, path, query, headers and body, on
 * top of the MCP request it was made from.
 *
 * <p>What identifies the caller (the user principal, the session, the remote address, the TLS
 * attributes) comes from the MCP request; everything that says what to call is this request's
 * own. Attributes start empty, so nothing MVC cached for the MCP request leaks into the call.
 */
final class ToolCallRequest extends HttpServletRequestWrapper {

	private final String method;

	private final String requestUri;

	private final String servletPath;

	private final @Nullable String pathInfo;

	private final HttpServletMapping mapping;

	private final @Nullable String queryString;

	private final Map<String, String[]> parameters;

	private final HttpHeaders headers;

	private final Set<String> exchangeOnlyHeaders;

	private final byte[] body;

	/** The call's own cookies, by name; the MCP request's others show through. */
	private final Map<String, String> cookies;

	private final Map<String, Object> attributes = new HashMap<>();

	/** The request as the container gave it, under every filter's wrapper: where inherited headers are read. */
	private final HttpServletRequest containerRequest;

	private @Nullable String characterEncoding;

	private boolean bodyTaken;

	/**
	 * @param mcpRequest the MCP request the call was made from
	 * @param method the HTTP method
	 * @param dispatcherPrefix the DispatcherServlet's path prefix ({@code ""} when mapped to {@code /})
	 * @param encodedPath the endpoint's path, expanded and encoded, within the DispatcherServlet
	 * @param decodedPath the same path, decoded
	 * @param queryString the encoded query string, or {@code null}
	 * @param parameters the query parameters, decoded
	 * @param headers the call's own headers; every other header is the MCP request's
	 * @param exchangeOnlyHeaders the MCP request's headers (lower case) that concern only the MCP
	 * exchange, which the call does not inherit
	 * @param body the body (empty for none)
	 */
	ToolCallRequest(HttpServletRequest mcpRequest, String method, String dispatcherPrefix, String encodedPath,
			String decodedPath, @Nullable String queryString, Map<String, String[]> parameters, HttpHeaders headers,
			Set<String> exchangeOnlyHeaders, byte[] body) {
		this(mcpRequest, method, dispatcherPrefix, encodedPath, decodedPath, queryString, parameters, headers,
				exchangeOnlyHeaders, body, Map.of());
	}

	/**
	 * A call that sends cookies of its own besides the MCP request's.
	 * @param cookies the call's own cookies, by name, which replace the MCP request's of the same name
	 */
	ToolCallRequest(HttpServletRequest mcpRequest, String method, String dispatcherPrefix, String encodedPath,
			String decodedPath, @Nullable String queryString, Map<String, String[]> parameters, HttpHeaders headers,
			Set<String> exchangeOnlyHeaders, byte[] body, Map<String, String> cookies) {
		super(mcpRequest);
		this.containerRequest = containerRequest(mcpRequest);
		this.cookies = cookies;
		this.method = method;
		this.requestUri = mcpRequest.getContextPath() + dispatcherPrefix + encodedPath;
		if (dispatcherPrefix.isEmpty()) {
			this.servletPath = decodedPath;
			this.pathInfo = null;
			this.mapping = new Mapping("", "/", MappingMatch.DEFAULT);
		}
		else {
			this.servletPath = dispatcherPrefix;
			this.pathInfo = decodedPath;
			this.mapping = new Mapping(decodedPath.substring(1), dispatcherPrefix + "/*", MappingMatch.PATH);
		}
		this.queryString = queryString;
		this.parameters = parameters;
		this.headers = headers;
		this.exchangeOnlyHeaders = exchangeOnlyHeaders;
		this.body = body;
		this.characterEncoding = (headers.getContentType() != null && headers.getContentType().getCharset() != null)
				? headers.getContentType().getCharset().name() : null;
	}

	@Override
	public Cookie @Nullable [] getCookies() {
		Cookie[] inherited = super.getCookies();
		if (this.cookies.isEmpty()) {
			return inherited;
		}
		List<Cookie> all = new ArrayList<>();
		for (Cookie cookie : (inherited != null) ? inherited : new Cookie[0]) {
			if (!this.cookies.containsKey(cookie.getName())) {
				all.add(cookie);
			}
		}
		this.cookies.forEach((name, value) -> all.add(new Cookie(name, value)));
		return all.toArray(Cookie[]::new);
	}

	@Override
	public String getMethod() {
		return this.method;
	}

	@Override
	public String getRequestURI() {
		return this.requestUri;
	}

	@Override
	public StringBuffer getRequestURL() {
		StringBuffer url = new StringBuffer(getScheme()).append("://").append(getServerName());
		int port = getServerPort();
		if (port > 0 && !(("http".equals(getScheme()) && port == 80) || ("https".equals(getScheme()) && port == 443))) {
			url.append(':').append(port);
		}
		return url.append(this.requestUri);
	}

	@Override
	public String getServletPath() {
		return this.servletPath;
	}

	@Override
	public @Nullable String getPathInfo() {
		return this.pathInfo;
	}

	@Override
	public @Nullable String getPathTranslated() {
		return null;
	}

	@Override
	public HttpServletMapping getHttpServletMapping() {
		return this.mapping;
	}

	@Override
	public @Nullable String getQueryString() {
		return this.queryString;
	}

	@Override
	public @Nullable String getParameter(String name) {
		String[] values = this.parameters.get(name);
		return (values != null && values.length > 0) ? values[0] : null;
	}

	@Override
	public Map<String, String[]> getParameterMap() {
		return Collections.unmodifiableMap(this.parameters);
	}

	@Override
	public Enumeration<String> getParameterNames() {
		return Collections.enumeration(this.parameters.keySet());
	}

	@Override
	public String @Nullable [] getParameterValues(String name) {
		return this.parameters.get(name);
	}

	// The MCP request's headers are read through, when asked for, rather than copied up front:
	// copying read every value through Spring Security's firewall (a pattern match over the whole
	// bearer token, among others) on every call, for headers that endpoints hardly ever read.
	// They are read from the request as the container gave it, not through the wrappers of the
	// filters that served the MCP request: the call goes through the application's filters again
	// (ContainerFilters), which see the headers as they see a REST request's, and wrap them as
	// they would. Through both, a forwarded-header filter would apply twice, and the firewall
	// would check every header the call reads twice.

	private static HttpServletRequest containerRequest(HttpServletRequest request) {
		HttpServletRequest innermost = request;
		while (innermost instanceof ServletRequestWrapper wrapper
				&& wrapper.getRequest() instanceof HttpServletRequest wrapped) {
			innermost = wrapped;
		}
		return innermost;
	}

	/** Whether the MCP request's header of that name shows through: not one of the call's own, nor of the exchange. */
	private boolean inherits(String name) {
		return !this.headers.containsHeader(name) && !this.exchangeOnlyHeaders.contains(name.toLowerCase(Locale.ROOT));
	}

	@Override
	public @Nullable String getHeader(String name) {
		return inherits(name) ? this.containerRequest.getHeader(name) : this.headers.getFirst(name);
	}

	@Override
	public Enumeration<String> getHeaders(String name) {
		if (inherits(name)) {
			Enumeration<String> values = this.containerRequest.getHeaders(name);
			return (values != null) ? values : Collections.emptyEnumeration();
		}
		List<String> values = this.headers.get(name);
		return Collections.enumeration((values != null) ? values : List.of());
	}

	@Override
	public Enumeration<String> getHeaderNames() {
		Set<String> names = new LinkedHashSet<>();
		for (Enumeration<String> inherited = this.containerRequest.getHeaderNames(); inherited != null && inherited.hasMoreElements();) {
			String name = inherited.nextElement();
			if (inherits(name)) {
				names.add(name);
			}
		}
		names.addAll(this.headers.headerNames());
		return Collections.enumeration(names);
	}

	@Override
	public int getIntHeader(String name) {
		String value = getHeader(name);
		return (value != null) ? Integer.parseInt(value) : -1;
	}

	@Override
	public long getDateHeader(String name) {
		if (!inherits(name)) {
			return (this.headers.getFirst(name) != null) ? this.headers.getFirstDate(name) : -1;
		}
		String value = this.containerRequest.getHeader(name);
		if (value == null) {
			return -1;
		}
		// Parsed as the call's own headers are, whatever the container's own parsing.
		HttpHeaders single = new HttpHeaders();
		single.set(name, value);
		return single.getFirstDate(name);
	}

	@Override
	public @Nullable String getContentType() {
		return this.headers.getFirst(HttpHeaders.CONTENT_TYPE);
	}

	@Override
	public int getContentLength() {
		return this.body.length;
	}

	@Override
	public long getContentLengthLong() {
		return this.body.length;
	}

	@Override
	public @Nullable String getCharacterEncoding() {
		return this.characterEncoding;
	}

	@Override
	public void setCharacterEncoding(String encoding) {
		this.characterEncoding = encoding;
	}

	@Override
	public ServletInputStream getInputStream() {
		takeBody();
		ByteArrayInputStream in = new ByteArrayInputStream(this.body);
		return new ServletInputStream() {

			@Override
			public int read() {
				return in.read();
			}

			@Override
			public int read(byte[] buffer, int offset, int length) {
				return in.read(buffer, offset, length);
			}

			@Override
			public boolean isFinished() {
				return in.available() == 0;
			}

			@Override
			public boolean isReady() {
				return true;
			}

			@Override
			public void setReadListener(ReadListener listener) {
				throw new UnsupportedOperationException("A tool call's body is read synchronously");
			}

		};
	}

	@Override
	public BufferedReader getReader() {
		takeBody();
		Charset charset = (this.characterEncoding != null) ? Charset.forName(this.characterEncoding)
				: StandardCharsets.UTF_8;
		return new BufferedReader(new InputStreamReader(new ByteArrayInputStream(this.body), charset));
	}

	private void takeBody() {
		if (this.bodyTaken) {
			throw new IllegalStateException("The body of a tool call can be read only once");
		}
		this.bodyTaken = true;
	}

	@Override
	public @Nullable Object getAttribute(String name) {
		Object value = this.attributes.get(name);
		// TLS attributes describe the connection, which the call shares with the MCP request.
		return (value != null || !name.startsWith("jakarta.servlet.request.")) ? value : super.getAttribute(name);
	}

	@Override
	public Enumeration<String> getAttributeNames() {
		return Collections.enumeration(this.attributes.keySet());
	}

	@Override
	public void setAttribute(String name, @Nullable Object value) {
		if (value == null) {
			this.attributes.remove(name);
		}
		else {
			this.attributes.put(name, value);
		}
	}

	@Override
	public void removeAttribute(String name) {
		this.attributes.remove(name);
	}

	@Override
	public DispatcherType getDispatcherType() {
		return DispatcherType.REQUEST;
	}

	@Override
	public boolean isAsyncSupported() {
		return false;
	}

	@Override
	public boolean isAsyncStarted() {
		return false;
	}

	@Override
	public AsyncContext startAsync() {
		throw new IllegalStateException("A tool call runs synchronously");
	}

	@Override
	public AsyncContext startAsync(ServletRequest request, ServletResponse response) {
		throw new IllegalStateException("A tool call runs synchronously");
	}

	@Override
	public AsyncContext getAsyncContext() {
		throw new IllegalStateException("A tool call runs synchronously");
	}

	private record Mapping(String getMatchValue, String getPattern, MappingMatch getMappingMatch)
			implements HttpServletMapping {

		@Override
		public String getServletName() {
			return "dispatcherServlet";
		}

	}

}
