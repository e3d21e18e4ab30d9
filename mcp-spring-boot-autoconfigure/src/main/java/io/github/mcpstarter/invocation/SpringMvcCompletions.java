package io.github.mcpstarter.invocation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import io.github.mcpstarter.McpCompletion;
import io.github.mcpstarter.discovery.EndpointParameter;
import io.github.mcpstarter.discovery.McpEndpoint;
import io.github.mcpstarter.discovery.McpEndpointScanner;
import io.github.mcpstarter.discovery.McpToolDefinitionException;
import io.github.mcpstarter.discovery.Publication;
import io.github.mcpstarter.protocol.CompleteResult;
import io.github.mcpstarter.protocol.CompletionSource;
import io.github.mcpstarter.protocol.McpRequestContext;
import io.github.mcpstarter.protocol.Offering;

/**
 * Where the suggestions for a Spring MVC offering's arguments come from: the GET endpoint a
 * parameter names with {@link McpCompletion}, called in process as its REST request would run, or
 * the constants of a parameter's enum type.
 *
 * <p>The suggestion endpoints are found at startup, so that a path that names none fails it, with
 * the fix, rather than every completion later.
 *
 * @since 0.2.0
 */
public final class SpringMvcCompletions implements CompletionSource.Lookup, SmartInitializingSingleton {

	private static final Log logger = LogFactory.getLog(SpringMvcCompletions.class);

	private final McpEndpointScanner scanner;

	private final MvcDispatcher dispatcher;

	private final JsonMapper mapper;

	private final ToolRequestAuthorizer authorizer;

	private final long maxResponseSize;

	/** By path, the invoker of each suggestion endpoint some parameter names. */
	private volatile Map<String, EndpointInvoker> suggestionEndpoints = Map.of();

	/** By offering's invoker (identity) and argument: the source, or none, found once. */
	private final Map<EndpointInvoker, Map<String, Optional>> sources = new ConcurrentHashMap<>();

	/**
	 * @param scanner finds the suggestion endpoints among the application's handlers
	 * @param dispatcher the DispatcherServlet to call them with
	 * @param mapper reads their answers
	 * @param authorizer a further check of each request before it is dispatched
	 * @param maxResponseSize the most bytes of an answer read
	 */
	public SpringMvcCompletions(McpEndpointScanner scanner, MvcDispatcher dispatcher, JsonMapper mapper,
			ToolRequestAuthorizer authorizer, long maxResponseSize) {
		this.scanner = scanner;
		this.dispatcher = dispatcher;
		this.mapper = mapper;
		this.authorizer = authorizer;
		this.maxResponseSize = maxResponseSize;
	}

	@Override
	public void afterSingletonsInstantiated() {
		Map<McpCompletion, String> named = new LinkedHashMap<>();
		for (HandlerMethod handler : this.scanner.handlerMethods()) {
			for (MethodParameter parameter : handler.getMethodParameters()) {
				McpCompletion completion = parameter.getParameterAnnotation(McpCompletion.class);
				if (completion != null) {
					named.putIfAbsent(completion,
							handler.getBeanType().getName() + "." + handler.getMethod().getName() + "()");
				}
			}
		}
		if (named.isEmpty()) {
			return;
		}
		Set<String> paths = new TreeSet<>();
		named.keySet().forEach((completion) -> paths.add(completion.value()));
		List<McpEndpoint> endpoints = this.scanner.scan(new SuggestionEndpoints(paths));
		Map<String, EndpointInvoker> byPath = new LinkedHashMap<>();
		for (McpEndpoint endpoint : endpoints) {
			byPath.put(endpoint.pathPattern(), new EndpointInvoker(endpoint, this.dispatcher, this.mapper,
					this.authorizer, this.maxResponseSize));
		}
		List<String> problems = new ArrayList<>();
		named.forEach((completion, where) -> {
			EndpointInvoker suggestions = byPath.get(completion.value());
			if (suggestions == null) {
				problems.add(where + ": @McpCompletion(\"" + completion.value() + "\") names no GET endpoint of the"
						+ " application. Fix: name the path of a @GetMapping exactly as it is mapped (without the servlet path).");
			}
			else if (suggestions.endpoint().parameters().stream().noneMatch((each) -> each.name().equals(completion.parameter()))) {
				problems.add(where + ": @McpCompletion(\"" + completion.value() + "\") sends what the user typed as '"
						+ completion.parameter() + "', which " + suggestions.endpoint().handlerName()
						+ " does not take. Fix: set @McpCompletion(parameter = \"...\") to its query parameter.");
			}
		});
		if (!problems.isEmpty()) {
			throw new McpToolDefinitionException(problems);
		}
		this.suggestionEndpoints = Map.copyOf(byPath);
	}

	@Override
	public @Nullable CompletionSource find(Offering offering, String argument) {
		if (!(offering.origin() instanceof EndpointInvoker invoker)) {
			return null;
		}
		return this.sources.computeIfAbsent(invoker, (key) -> new ConcurrentHashMap<>())
			.computeIfAbsent(argument, (name) -> new Optional(sourceOf(invoker.endpoint(), name)))
			.source();
	}

	private @Nullable CompletionSource sourceOf(McpEndpoint endpoint, String argument) {
		EndpointParameter parameter = endpoint.parameters()
			.stream()
			.filter((candidate) -> candidate.name().equals(argument))
			.findFirst()
			.orElse(null);
		if (parameter == null) {
			return null;
		}
		for (java.lang.annotation.Annotation annotation : parameter.annotations()) {
			if (annotation instanceof McpCompletion completion) {
				EndpointInvoker suggestions = this.suggestionEndpoints.get(completion.value());
				return (suggestions != null) ? new EndpointSuggestions(suggestions, completion.parameter()) : null;
			}
		}
		List<String> allowed = parameter.rules().allowedValues();
		return (allowed != null) ? (value, context, request) -> CompleteResult.of(startingWith(allowed, value))
				: null;
	}

	/** The values that start with what was typed, ignoring case, in their order. */
	static List<String> startingWith(List<String> values, String typed) {
		String prefix = typed.toLowerCase(Locale.ROOT);
		return values.stream().filter((value) -> value.toLowerCase(Locale.ROOT).startsWith(prefix)).toList();
	}

	/** A source, or the knowledge that there is none (a map holds no nulls). */
	private record Optional(@Nullable CompletionSource source) {
	}

	/** Suggestions from a GET endpoint of the application. */
	private final class EndpointSuggestions implements CompletionSource {

		private final EndpointInvoker invoker;

		private final String parameter;

		private final Set<String> takes = new TreeSet<>();

		EndpointSuggestions(EndpointInvoker invoker, String parameter) {
			this.invoker = invoker;
			this.parameter = parameter;
			invoker.endpoint().parameters().forEach((each) -> this.takes.add(each.name()));
		}

		@Override
		public CompleteResult complete(String value, Map<String, String> context, McpRequestContext request) {
			HttpServletRequest mcpRequest = request.transport().unwrap(HttpServletRequest.class);
			HttpServletResponse mcpResponse = request.transport().unwrap(HttpServletResponse.class);
			if (mcpRequest == null || mcpResponse == null) {
				return CompleteResult.NONE;
			}
			ObjectNode arguments = SpringMvcCompletions.this.mapper.createObjectNode();
			// The other arguments the client knows, where the endpoint takes them; never in place of the typed value.
			context.forEach((name, known) -> {
				if (this.takes.contains(name) && !name.equals(this.parameter)) {
					arguments.put(name, known);
				}
			});
			arguments.put(this.parameter, value);
			EndpointInvoker.Outcome outcome = this.invoker.invoke(arguments, mcpRequest, mcpResponse, Map.of());
			if (!(outcome instanceof EndpointInvoker.Outcome.Served served) || served.response().status() != 200) {
				// The suggestion endpoint refused or failed: no suggestions, as a REST client would get none.
				if (logger.isDebugEnabled()) {
					logger.debug("No suggestions from " + this.invoker.endpoint().handlerName() + ": " + outcome);
				}
				return CompleteResult.NONE;
			}
			return values(served.response().body());
		}

		private CompleteResult values(byte[] body) {
			try {
				JsonNode answer = SpringMvcCompletions.this.mapper.readTree(body);
				if (answer != null && answer.isArray()) {
					List<String> values = new ArrayList<>();
					for (JsonNode element : answer) {
						if (element.isValueNode() && !element.isNull()) {
							values.add(element.asString());
						}
					}
					return CompleteResult.of(values);
				}
			}
			catch (JacksonException ex) {
				// reported below
			}
			logger.warn("Suggestions from " + this.invoker.endpoint().handlerName()
					+ " are not a JSON array of strings; none are sent");
			return CompleteResult.NONE;
		}

	}

	/** Publishes the GET handlers mapped to the paths some parameter names. */
	private static final class SuggestionEndpoints implements Publication.Reader {

		private final Set<String> paths;

		SuggestionEndpoints(Set<String> paths) {
			this.paths = paths;
		}

		@Override
		public String noun() {
			return "suggestion endpoint";
		}

		@Override
		public String annotation() {
			return "@McpCompletion";
		}

		@Override
		public @Nullable Publication read(HandlerMethod handler, String where, List<String> problems) {
			return null;
		}

		@Override
		public @Nullable Publication read(RequestMappingInfo info, HandlerMethod handler, String where,
				List<String> problems) {
			Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
			if (!methods.equals(Set.of(RequestMethod.GET))) {
				return null;
			}
			for (String pattern : info.getPatternValues()) {
				if (this.paths.contains(pattern)) {
					// The path is its name: unique among the handlers published so, and never listed.
					return Publication.of("@McpCompletion", "suggest-" + Integer.toHexString(pattern.hashCode()),
							null, null);
				}
			}
			return null;
		}

	}

}
