package io.github.mcpstarter.discovery;

import java.io.InputStream;
import java.io.Reader;
import java.lang.annotation.Annotation;
import java.lang.reflect.Field;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionStage;

import jakarta.servlet.http.Part;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.BeanUtils;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.MethodParameter;
import org.springframework.core.ParameterNameDiscoverer;
import org.springframework.core.ResolvableType;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.convert.ConversionService;
import org.springframework.format.support.DefaultFormattingConversionService;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;
import org.springframework.util.StringUtils;
import org.springframework.web.accept.ApiVersionStrategy;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ValueConstants;
import org.springframework.web.bind.support.ConfigurableWebBindingInitializer;
import org.springframework.web.context.request.async.DeferredResult;
import org.springframework.web.context.request.async.WebAsyncTask;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.method.annotation.ModelAttributeMethodProcessor;
import org.springframework.web.method.annotation.RequestHeaderMapMethodArgumentResolver;
import org.springframework.web.method.annotation.RequestHeaderMethodArgumentResolver;
import org.springframework.web.method.annotation.RequestParamMapMethodArgumentResolver;
import org.springframework.web.method.annotation.RequestParamMethodArgumentResolver;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.condition.NameValueExpression;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.HttpEntityMethodProcessor;
import org.springframework.web.servlet.mvc.method.annotation.MatrixVariableMapMethodArgumentResolver;
import org.springframework.web.servlet.mvc.method.annotation.MatrixVariableMethodArgumentResolver;
import org.springframework.web.servlet.mvc.method.annotation.PathVariableMapMethodArgumentResolver;
import org.springframework.web.servlet.mvc.method.annotation.PathVariableMethodArgumentResolver;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.servlet.mvc.method.annotation.RequestPartMethodArgumentResolver;
import org.springframework.web.servlet.mvc.method.annotation.RequestResponseBodyMethodProcessor;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter;
import org.springframework.web.servlet.mvc.method.annotation.ServletCookieValueMethodArgumentResolver;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import io.github.mcpstarter.McpTool;
import io.github.mcpstarter.protocol.Tool;

/**
 * Finds the {@link McpTool} endpoints among the handler methods Spring MVC serves and describes
 * each as an {@link McpEndpoint}.
 *
 * <p>Each parameter is classified by the argument resolver MVC itself would use for it, so a
 * simple unannotated parameter is a query parameter and an unannotated object is a model
 * attribute, as in MVC. Parameters that are not user input ({@code Principal}, {@code Locale},
 * {@code HttpServletRequest}, custom resolvers) are not published and are supplied at call time;
 * Spring Data's {@code Pageable} and {@code Sort} are published as the query parameters its
 * resolvers read. What MVC accepts beyond a parameter's type (the conversion service's values,
 * a path variable's regex) travels in the parameter's {@link ValueRules}.
 * Whatever cannot be published as it stands is reported, all at once, by a
 * {@link McpToolDefinitionException}.
 */
public class McpEndpointScanner {

	private static final Set<HttpMethod> READ_ONLY = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

	private static final Set<HttpMethod> IDEMPOTENT = Set.of(HttpMethod.PUT, HttpMethod.DELETE);

	private static final String REACTIVE_PUBLISHER = "org.reactivestreams.Publisher";

	private static final Log logger = LogFactory.getLog(McpEndpointScanner.class);

	/** Whether Spring Data's web support may be present; its classes are loaded only then. */
	private static final boolean SPRING_DATA_PRESENT = ClassUtils.isPresent(
			"org.springframework.data.web.PageableHandlerMethodArgumentResolver", McpEndpointScanner.class.getClassLoader());

	private final List<RequestMappingHandlerMapping> handlerMappings;

	private final RequestMappingHandlerAdapter handlerAdapter;

	private final ParameterNameDiscoverer parameterNames = new DefaultParameterNameDiscoverer();

	/** Converts request parameters, path variables and headers as MVC's data binder does. */
	private final ConversionService conversionService;

	/**
	 * @param handlerMappings the handler mappings whose endpoints may be published
	 * @param handlerAdapter the handler adapter whose argument resolvers MVC uses
	 */
	public McpEndpointScanner(List<RequestMappingHandlerMapping> handlerMappings,
			RequestMappingHandlerAdapter handlerAdapter) {
		this.handlerMappings = List.copyOf(handlerMappings);
		this.handlerAdapter = handlerAdapter;
		ConversionService applications = (handlerAdapter
			.getWebBindingInitializer() instanceof ConfigurableWebBindingInitializer initializer)
					? initializer.getConversionService() : null;
		this.conversionService = (applications != null) ? applications
				: new DefaultFormattingConversionService();
	}

	/** Every handler method Spring MVC maps, of every handler mapping given. */
	public List<HandlerMethod> handlerMethods() {
		List<HandlerMethod> handlers = new ArrayList<>();
		for (RequestMappingHandlerMapping mapping : this.handlerMappings) {
			handlers.addAll(mapping.getHandlerMethods().values());
		}
		return handlers;
	}

	/**
	 * Finds every endpoint annotated {@code @McpTool}.
	 * @return the endpoints, ordered by tool name
	 * @throws McpToolDefinitionException when any annotated endpoint cannot be published
	 */
	public List<McpEndpoint> scan() {
		return scan(TOOLS);
	}

	/** What {@code @McpTool} says, on a method and on its class. */
	public static final Publication.Reader TOOLS = new Publication.Reader() {

		@Override
		public String noun() {
			return "tool";
		}

		@Override
		public String annotation() {
			return "@McpTool";
		}

		@Override
		public @Nullable Publication read(HandlerMethod handler, String where, List<String> problems) {
			McpTool onMethod = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), McpTool.class);
			McpTool onClass = AnnotatedElementUtils.findMergedAnnotation(handler.getBeanType(), McpTool.class);
			if ((onMethod == null && onClass == null) || (onMethod != null && onMethod.exclude())
					|| (onMethod == null && onClass.exclude())) {
				return null;
			}
			if (onClass != null && (!onClass.name().isEmpty() || !onClass.title().isEmpty()
					|| !onClass.description().isEmpty())) {
				problems.add(where + ": @McpTool on class " + handler.getBeanType().getSimpleName()
						+ " sets a name, title or description, which would be the same for every method. Fix: set them on the methods.");
			}
			Set<String> headers = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
			Set<String> cookies = new TreeSet<>();
			String bodyName = null;
			for (McpTool annotation : new McpTool[] { onClass, onMethod }) {
				if (annotation != null) {
					headers.addAll(List.of(annotation.headers()));
					cookies.addAll(List.of(annotation.cookies()));
					bodyName = StringUtils.hasText(annotation.bodyName()) ? annotation.bodyName() : bodyName;
				}
			}
			// Names on the method must match one of its parameters; names on the class apply where they match.
			Set<String> methodHeaders = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
			Set<String> methodCookies = new TreeSet<>();
			if (onMethod != null) {
				methodHeaders.addAll(List.of(onMethod.headers()));
				methodCookies.addAll(List.of(onMethod.cookies()));
			}
			return new Publication("@McpTool", (onMethod != null && !onMethod.name().isEmpty()) ? onMethod.name() : null,
					(onMethod != null && !onMethod.title().isEmpty()) ? onMethod.title() : null,
					(onMethod != null && StringUtils.hasText(onMethod.description())) ? onMethod.description() : null,
					headers, cookies, methodHeaders, methodCookies, bodyName,
					"leave the method out with @McpTool(exclude = true)");
		}

	};

	/**
	 * Finds every endpoint one feature publishes.
	 * @param reader which handlers the feature publishes, and what its annotation says of each
	 * @return the endpoints, ordered by name
	 * @throws McpToolDefinitionException when any annotated endpoint cannot be published
	 * @since 0.2.0
	 */
	public List<McpEndpoint> scan(Publication.Reader reader) {
		List<String> problems = new ArrayList<>();
		List<McpEndpoint> endpoints = new ArrayList<>();
		for (RequestMappingHandlerMapping mapping : this.handlerMappings) {
			// By class and method, so that the problems are listed in an order a reader can follow.
			List<Map.Entry<RequestMappingInfo, HandlerMethod>> handlers = new ArrayList<>(
					mapping.getHandlerMethods().entrySet());
			handlers.sort(Comparator
				.comparing((Map.Entry<RequestMappingInfo, HandlerMethod> entry) -> entry.getValue().getBeanType().getName())
				.thenComparing((entry) -> entry.getValue().getMethod().getName())
				.thenComparing((entry) -> entry.getValue().getMethod().toGenericString())
				.thenComparing((entry) -> entry.getKey().toString()));
			for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : handlers) {
				McpEndpoint endpoint = describe(entry.getKey(), entry.getValue(), mapping.getApiVersionStrategy(),
						reader, problems);
				if (endpoint != null) {
					endpoints.add(endpoint);
				}
			}
		}
		endpoints.sort(Comparator.comparing(McpEndpoint::name));
		Map<String, McpEndpoint> byName = new HashMap<>();
		List<String> duplicates = new ArrayList<>();
		for (McpEndpoint endpoint : endpoints) {
			McpEndpoint previous = byName.putIfAbsent(endpoint.name(), endpoint);
			if (previous != null) {
				duplicates.add("Two " + reader.noun() + "s are named '" + endpoint.name() + "': " + previous.handlerName()
						+ " and " + endpoint.handlerName() + ". Fix: give one of them another name with "
						+ reader.annotation() + "(name = \"...\").");
			}
		}
		if (problems.isEmpty() && !duplicates.isEmpty()) {
			throw new DuplicateToolNameException(duplicates);
		}
		problems.addAll(duplicates);
		if (!problems.isEmpty()) {
			throw new McpToolDefinitionException(problems);
		}
		return endpoints;
	}

	private @Nullable McpEndpoint describe(RequestMappingInfo info, HandlerMethod handler,
			@Nullable ApiVersionStrategy versionStrategy, Publication.Reader reader, List<String> problems) {
		String where = handler.getBeanType().getName() + "." + handler.getMethod().getName() + "()";
		int problemsBefore = problems.size();
		Publication publication = reader.read(info, handler, where, problems);
		if (publication == null) {
			return null;
		}
		String name = (publication.name() != null) ? publication.name() : ToolNames.snakeCase(handler.getMethod().getName());
		if (!ToolNames.isValid(name)) {
			problems.add(where + ": " + reader.noun() + " name '" + name
					+ "' is not 1 to 128 characters of A-Z a-z 0-9 _ - . Fix: set a valid " + publication.annotation()
					+ "(name = \"...\").");
		}
		else if (name.length() > ToolNames.WIDELY_ACCEPTED_LENGTH && reader == TOOLS) {
			logger.warn("Tool '" + name + "' (" + where + ") has a name of " + name.length()
					+ " characters; several model APIs accept at most " + ToolNames.WIDELY_ACCEPTED_LENGTH
					+ ", and their clients may refuse the tool. Set a shorter @McpTool(name = \"...\").");
		}
		Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
		if (methods.size() != 1) {
			problems.add(where + ": " + (methods.isEmpty() ? "it answers every HTTP method"
					: "it answers several HTTP methods " + methods)
					+ ", so a call could not say which to run. Fix: map it to one method (@GetMapping, @PostMapping, ...)"
					+ " or publish one handler per method.");
		}
		String pattern = firstPattern(info);
		if (pattern == null || pattern.contains("*") || pattern.contains("?") || pattern.contains("{*")) {
			problems.add(where + ": its path " + info.getPatternValues()
					+ " has wildcards, so a call could not build the URL. Fix: map it to a path of literals and {variables}.");
		}
		List<EndpointParameter> parameters = parameters(handler, name, pattern, publication, where, problems);
		checkReturnType(handler, where, publication, problems);
		if (problems.size() > problemsBefore) {
			return null;
		}
		HttpMethod httpMethod = HttpMethod.valueOf(methods.iterator().next().name());
		String description = description(publication, handler, httpMethod, pattern);
		String title = publication.title();
		// Hints are a tool's; @McpTool's, for a handler published otherwise too, else derived.
		Tool.ToolAnnotations annotations = hints(
				AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), McpTool.class),
				AnnotatedElementUtils.findMergedAnnotation(handler.getBeanType(), McpTool.class), httpMethod, title);
		Map<String, String> fixedParams = fixedValues(info.getParamsCondition().getExpressions());
		Map<String, String> fixedHeaders = fixedValues(info.getHeadersCondition().getExpressions());
		return new McpEndpoint(name, title, description, annotations, httpMethod, pattern,
				List.copyOf(info.getConsumesCondition().getConsumableMediaTypes()),
				List.copyOf(info.getProducesCondition().getProducibleMediaTypes()), parameters, fixedParams,
				fixedHeaders, handler, apiVersion(info, versionStrategy));
	}

	/** The version a versioned mapping serves ({@code "1.1+"}, a baseline, is served from {@code 1.1}). */
	private static McpEndpoint.@Nullable ApiVersion apiVersion(RequestMappingInfo info,
			@Nullable ApiVersionStrategy strategy) {
		if (strategy == null) {
			return null;
		}
		String version = (info.getVersionCondition() != null) ? info.getVersionCondition().getVersion() : null;
		if (version != null && version.endsWith("+")) {
			version = version.substring(0, version.length() - 1);
		}
		return new McpEndpoint.ApiVersion(version, strategy);
	}

	private static @Nullable String firstPattern(RequestMappingInfo info) {
		Set<String> patterns = info.getPatternValues();
		return patterns.isEmpty() ? null : new TreeSet<>(patterns).first();
	}

	/** Params and headers conditions such as {@code params = "type=a"}: the call must carry them to reach this handler. */
	private static Map<String, String> fixedValues(Set<? extends NameValueExpression<?>> expressions) {
		Map<String, String> values = new LinkedHashMap<>();
		for (NameValueExpression<?> expression : expressions) {
			if (!expression.isNegated()) {
				Object value = expression.getValue();
				values.put(expression.getName(), (value != null) ? value.toString() : "");
			}
		}
		return values;
	}

	private String description(Publication publication, HandlerMethod handler, HttpMethod httpMethod,
			String pattern) {
		if (publication.description() != null) {
			return publication.description();
		}
		String fromOpenApi = OpenApiDescriptions.ofOperation(handler.getMethod());
		return (fromOpenApi != null) ? fromOpenApi : httpMethod.name() + " " + pattern;
	}

	private static Tool.ToolAnnotations hints(@Nullable McpTool onMethod, @Nullable McpTool onClass,
			HttpMethod httpMethod, @Nullable String title) {
		boolean readOnly = READ_ONLY.contains(httpMethod);
		Boolean readOnlyHint = hint(onMethod, onClass, McpTool::readOnly, readOnly);
		// destructive and idempotent mean nothing for a read-only tool, so they are derived only for writes.
		Boolean destructiveHint = hint(onMethod, onClass, McpTool::destructive,
				readOnly ? null : httpMethod == HttpMethod.DELETE);
		Boolean idempotentHint = hint(onMethod, onClass, McpTool::idempotent,
				readOnly ? null : IDEMPOTENT.contains(httpMethod));
		Boolean openWorldHint = hint(onMethod, onClass, McpTool::openWorld, null);
		return new Tool.ToolAnnotations(title, readOnlyHint, destructiveHint, idempotentHint, openWorldHint);
	}

	private static @Nullable Boolean hint(@Nullable McpTool onMethod, @Nullable McpTool onClass,
			java.util.function.Function<McpTool, McpTool.Hint> attribute, @Nullable Boolean derived) {
		for (McpTool annotation : new McpTool[] { onMethod, onClass }) {
			if (annotation != null && attribute.apply(annotation) != McpTool.Hint.AUTO) {
				return attribute.apply(annotation) == McpTool.Hint.TRUE;
			}
		}
		return derived;
	}

	private List<EndpointParameter> parameters(HandlerMethod handler, String toolName, @Nullable String pattern,
			Publication publication, String where, List<String> problems) {
		Set<String> publishedHeaders = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
		publishedHeaders.addAll(publication.headers());
		Set<String> publishedCookies = new TreeSet<>(publication.cookies());
		String bodyName = publication.bodyName();
		String leaveOut = publication.leaveOut();
		String at = publication.annotation();
		Set<String> unmatchedHeaders = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
		unmatchedHeaders.addAll(publication.methodHeaders());
		Set<String> unmatchedCookies = new TreeSet<>(publication.methodCookies());
		Map<String, String> pathRegexes = (pattern != null) ? PathRegexes.of(pattern) : Map.of();
		List<EndpointParameter> parameters = new ArrayList<>();
		for (MethodParameter declared : handler.getMethodParameters()) {
			MethodParameter parameter = declared.clone();
			parameter.initParameterNameDiscovery(this.parameterNames);
			String what = where + " parameter '" + parameter.getParameterName() + "'";
			Class<?> type = parameter.getParameterType();
			if (InputStream.class.isAssignableFrom(type) || Reader.class.isAssignableFrom(type)) {
				problems.add(what + " reads the raw request body as a stream, which a tool call cannot supply."
						+ " Fix: take a @RequestBody of a JSON type, or " + leaveOut + ".");
				continue;
			}
			HandlerMethodArgumentResolver resolver = resolverFor(parameter);
			if (resolver == null) {
				problems.add(what + " has no argument resolver in Spring MVC. Fix: " + leaveOut + ".");
			}
			else if (isMultipart(parameter, resolver)) {
				problems.add(what + " is a multipart upload, which MCP tools do not support yet."
						+ " Fix: " + leaveOut + ".");
			}
			else if (resolver instanceof PathVariableMethodArgumentResolver) {
				PathVariable annotation = parameter.getParameterAnnotation(PathVariable.class);
				String variable = named(annotation.name(), parameter);
				EndpointParameter path = simple(parameter, variable, ParameterSource.PATH, true, null);
				String regex = pathRegexes.get(variable);
				if (regex != null) {
					path = withRules(path, path.rules().withPattern(PathRegexes.toEcma(regex), regex));
				}
				parameters.add(path);
			}
			else if (resolver instanceof RequestParamMethodArgumentResolver) {
				RequestParam annotation = parameter.getParameterAnnotation(RequestParam.class);
				if (annotation != null) {
					String defaultValue = ValueConstants.DEFAULT_NONE.equals(annotation.defaultValue()) ? null
							: annotation.defaultValue();
					boolean required = (annotation.required() && defaultValue == null && !parameter.isOptional())
							|| missingFails(parameter, defaultValue);
					parameters.add(simple(parameter, named(annotation.name(), parameter), ParameterSource.QUERY,
							required, defaultValue));
				}
				else {
					// MVC binds a simple unannotated parameter as an optional query parameter.
					parameters.add(simple(parameter, parameter.getParameterName(), ParameterSource.QUERY,
							missingFails(parameter, null), null));
				}
			}
			else if (resolver instanceof RequestHeaderMethodArgumentResolver) {
				RequestHeader annotation = parameter.getParameterAnnotation(RequestHeader.class);
				String headerName = named(annotation.name(), parameter);
				if (publishedHeaders.contains(headerName)) {
					unmatchedHeaders.remove(headerName);
					String defaultValue = ValueConstants.DEFAULT_NONE.equals(annotation.defaultValue()) ? null
							: annotation.defaultValue();
					boolean required = (annotation.required() && defaultValue == null && !parameter.isOptional())
							|| missingFails(parameter, defaultValue);
					parameters.add(simple(parameter, headerName, ParameterSource.HEADER, required, defaultValue));
				}
				else if (annotation.required() && ValueConstants.DEFAULT_NONE.equals(annotation.defaultValue())
						&& !parameter.isOptional() && !HttpHeaders.AUTHORIZATION.equalsIgnoreCase(headerName)) {
					// Not a startup failure: an MCP client may well send the header itself (a tenant, an API key).
					// Authorization is the caller's own credential, which every authenticated call carries.
					logger.warn("Tool '" + toolName + "' (" + where + ") requires the header '" + headerName
							+ "', which is not a tool argument: only an MCP request that carries it can call the tool,"
							+ " and no model can supply it. To make it an argument, add it to " + at + "(headers).");
				}
			}
			else if (resolver instanceof ServletCookieValueMethodArgumentResolver) {
				CookieValue annotation = parameter.getParameterAnnotation(CookieValue.class);
				String cookieName = named(annotation.name(), parameter);
				String defaultValue = ValueConstants.DEFAULT_NONE.equals(annotation.defaultValue()) ? null
						: annotation.defaultValue();
				boolean required = (annotation.required() && defaultValue == null && !parameter.isOptional())
						|| missingFails(parameter, defaultValue);
				if (publishedCookies.contains(cookieName)) {
					unmatchedCookies.remove(cookieName);
					parameters.add(simple(parameter, cookieName, ParameterSource.COOKIE, required, defaultValue));
				}
				else if (required) {
					problems.add(what + " requires the cookie '" + cookieName
							+ "', which a tool call cannot supply unless it is an argument. Fix: publish it with"
							+ " " + at + "(cookies = \"" + cookieName + "\"), or make it optional.");
				}
			}
			else if (SPRING_DATA_PRESENT && SpringDataParameters.supports(resolver)) {
				parameters.addAll(SpringDataParameters.describe(parameter, resolver));
			}
			else if (resolver instanceof RequestResponseBodyMethodProcessor) {
				RequestBody annotation = parameter.getParameterAnnotation(RequestBody.class);
				addBody(parameter, bodyName, ResolvableType.forMethodParameter(parameter.nestedIfOptional()),
						annotation.required() && !parameter.isOptional(), what, parameters, problems, leaveOut);
			}
			else if (resolver instanceof HttpEntityMethodProcessor) {
				ResolvableType body = ResolvableType.forMethodParameter(parameter).as(HttpEntity.class).getGeneric(0);
				addBody(parameter, bodyName, body, body.resolve(Object.class) != Void.class, what, parameters, problems, leaveOut);
			}
			else if (resolver instanceof ModelAttributeMethodProcessor) {
				addModelAttribute(parameter, what, parameters, problems);
			}
			else if (resolver instanceof PathVariableMapMethodArgumentResolver
					|| resolver instanceof RequestParamMapMethodArgumentResolver
					|| resolver instanceof MatrixVariableMapMethodArgumentResolver) {
				problems.add(what + " takes a map of all parameters, path variables or matrix variables, so its inputs"
						+ " cannot be described. Fix: declare each input as its own @PathVariable or @RequestParam.");
			}
			else if (resolver instanceof MatrixVariableMethodArgumentResolver) {
				problems.add(what + " is a matrix variable, which tool calls cannot send yet."
						+ " Fix: take it as a @RequestParam, or " + leaveOut + ".");
			}
			// Anything else (Principal, Locale, HttpServletRequest, header maps, custom resolvers)
			// is not user input: MVC supplies it from the MCP request at call time.
			else if (resolver instanceof RequestHeaderMapMethodArgumentResolver) {
				continue;
			}
		}
		for (String header : unmatchedHeaders) {
			problems.add(where + ": " + at + "(headers) names '" + header
					+ "', but no @RequestHeader parameter has that name. Fix: correct the name or remove it.");
		}
		for (String cookie : unmatchedCookies) {
			problems.add(where + ": " + at + "(cookies) names '" + cookie
					+ "', but no @CookieValue parameter has that name. Fix: correct the name or remove it.");
		}
		for (int i = 0; i < parameters.size(); i++) {
			for (int j = i + 1; j < parameters.size(); j++) {
				if (parameters.get(i).name().equals(parameters.get(j).name())) {
					problems.add(where + ": two inputs are named '" + parameters.get(i).name() + "' ("
							+ parameters.get(i).source().name().toLowerCase(Locale.ROOT) + " and "
							+ parameters.get(j).source().name().toLowerCase(Locale.ROOT)
							+ "), so a tool argument of that name would be ambiguous. Fix: rename one of them.");
				}
			}
		}
		return parameters;
	}

	/**
	 * Whether MVC fails when the value is missing although the parameter is optional: a primitive
	 * other than {@code boolean} (which MVC defaults to false) cannot be null, so for the model it
	 * is required.
	 */
	private static boolean missingFails(MethodParameter parameter, @Nullable String defaultValue) {
		Class<?> type = parameter.getParameterType();
		return defaultValue == null && type.isPrimitive() && type != boolean.class;
	}

	private @Nullable HandlerMethodArgumentResolver resolverFor(MethodParameter parameter) {
		List<HandlerMethodArgumentResolver> resolvers = this.handlerAdapter.getArgumentResolvers();
		for (HandlerMethodArgumentResolver resolver : (resolvers != null) ? resolvers : List.<HandlerMethodArgumentResolver>of()) {
			if (resolver.supportsParameter(parameter)) {
				return resolver;
			}
		}
		return null;
	}

	private static boolean isMultipart(MethodParameter parameter, HandlerMethodArgumentResolver resolver) {
		Class<?> type = parameter.getNestedParameterType();
		return resolver instanceof RequestPartMethodArgumentResolver || MultipartFile.class.isAssignableFrom(type)
				|| Part.class.isAssignableFrom(type)
				|| (resolver instanceof RequestParamMethodArgumentResolver
						&& (MultipartFile.class == ResolvableType.forMethodParameter(parameter).getNested(2).resolve()
								|| Part.class == ResolvableType.forMethodParameter(parameter).getNested(2).resolve()));
	}

	private static String named(String annotated, MethodParameter parameter) {
		return StringUtils.hasText(annotated) ? annotated : parameter.getParameterName();
	}

	private EndpointParameter simple(MethodParameter parameter, String name, ParameterSource source,
			boolean required, @Nullable String defaultValue) {
		ResolvableType type = ResolvableType.forMethodParameter(parameter.nestedIfOptional());
		EndpointParameter simple = new EndpointParameter(name, source, type, required, defaultValue,
				OpenApiDescriptions.ofParameter(parameter), parameter.getParameterAnnotations());
		return withRules(simple, conversionRules(simple.elementType()));
	}

	private static EndpointParameter withRules(EndpointParameter parameter, ValueRules rules) {
		return new EndpointParameter(parameter.name(), parameter.source(), parameter.type(), parameter.required(),
				parameter.defaultValue(), parameter.description(), parameter.annotations(), rules);
	}

	/**
	 * What the application's conversion service accepts for an enum: MVC converts request values
	 * by constant name (not by Jackson's {@code @JsonValue}), unless the application registered a
	 * converter of its own, whose accepted values cannot be known.
	 */
	private ValueRules conversionRules(ResolvableType elementType) {
		Class<?> raw = elementType.resolve(Object.class);
		if (!raw.isEnum()) {
			return ValueRules.NONE;
		}
		List<String> names = new ArrayList<>();
		for (Object constant : raw.getEnumConstants()) {
			String name = ((Enum<?>) constant).name();
			try {
				if (this.conversionService.convert(name, raw) != constant) {
					return ValueRules.applicationConverted();
				}
			}
			catch (RuntimeException ex) {
				return ValueRules.applicationConverted();
			}
			names.add(name);
		}
		return ValueRules.allowedValues(names);
	}

	private static void addBody(MethodParameter parameter, @Nullable String bodyName, ResolvableType type,
			boolean required, String what, List<EndpointParameter> parameters, List<String> problems, String leaveOut) {
		Class<?> raw = type.resolve(Object.class);
		if (raw == byte[].class || InputStream.class.isAssignableFrom(raw)
				|| org.springframework.core.io.Resource.class.isAssignableFrom(raw)) {
			problems.add(what + " takes the raw request body, which a tool call cannot supply as JSON."
					+ " Fix: take a @RequestBody of a JSON type, or " + leaveOut + ".");
			return;
		}
		parameters.add(new EndpointParameter((bodyName != null) ? bodyName : parameter.getParameterName(),
				ParameterSource.BODY, type, required, null, OpenApiDescriptions.ofParameter(parameter),
				parameter.getParameterAnnotations()));
	}

	/**
	 * An object bound from query parameters, as MVC binds an unannotated object: each simple
	 * property becomes a query input of its own.
	 */
	private void addModelAttribute(MethodParameter parameter, String what, List<EndpointParameter> parameters,
			List<String> problems) {
		Class<?> type = parameter.getNestedParameterType();
		Map<String, ResolvableType> properties = new LinkedHashMap<>();
		if (type.isRecord()) {
			for (RecordComponent component : type.getRecordComponents()) {
				properties.put(component.getName(), ResolvableType.forMethodReturnType(component.getAccessor()));
			}
		}
		else {
			for (var descriptor : BeanUtils.getPropertyDescriptors(type)) {
				if (descriptor.getWriteMethod() != null) {
					properties.put(descriptor.getName(), ResolvableType.forMethodParameter(descriptor.getWriteMethod(), 0));
				}
			}
		}
		for (Map.Entry<String, ResolvableType> property : properties.entrySet()) {
			ResolvableType declared = property.getValue();
			// MVC binds Optional<T> as T, absent when the parameter is.
			ResolvableType propertyType = (declared.resolve() == Optional.class) ? declared.getGeneric(0) : declared;
			ResolvableType element = propertyType.isArray() ? propertyType.getComponentType()
					: (propertyType.asCollection() != ResolvableType.NONE) ? propertyType.asCollection().getGeneric(0)
							: propertyType;
			if (!BeanUtils.isSimpleValueType(element.resolve(Object.class))) {
				problems.add(what + " is bound from query parameters, and its property '" + property.getKey()
						+ "' is an object, which query parameters cannot carry. Fix: take the object as a @RequestBody,"
						+ " or flatten that property.");
				continue;
			}
			Field field = ReflectionUtils.findField(type, property.getKey());
			Annotation[] annotations = (field != null) ? field.getAnnotations() : new Annotation[0];
			boolean required = hasAnnotationNamed(annotations, "NotNull") || hasAnnotationNamed(annotations, "NotBlank")
					|| hasAnnotationNamed(annotations, "NotEmpty");
			parameters.add(new EndpointParameter(property.getKey(), ParameterSource.QUERY, propertyType, required, null,
					(field != null) ? OpenApiDescriptions.ofProperty(field) : null, annotations,
					conversionRules(element)));
		}
	}

	private static boolean hasAnnotationNamed(Annotation[] annotations, String simpleName) {
		for (Annotation annotation : annotations) {
			if (annotation.annotationType().getSimpleName().equals(simpleName)
					&& annotation.annotationType().getPackageName().startsWith("jakarta.validation")) {
				return true;
			}
		}
		return false;
	}

	private static void checkReturnType(HandlerMethod handler, String where, Publication publication,
			List<String> problems) {
		String leaveOut = publication.leaveOut();
		ResolvableType returnType = ResolvableType.forMethodReturnType(handler.getMethod());
		ResolvableType body = returnType.as(HttpEntity.class) != ResolvableType.NONE
				? returnType.as(HttpEntity.class).getGeneric(0) : returnType;
		Class<?> raw = body.resolve(Object.class);
		if (Callable.class.isAssignableFrom(raw) || DeferredResult.class.isAssignableFrom(raw)
				|| WebAsyncTask.class.isAssignableFrom(raw) || CompletionStage.class.isAssignableFrom(raw)
				|| ResponseBodyEmitter.class.isAssignableFrom(raw) || StreamingResponseBody.class.isAssignableFrom(raw)
				|| isReactive(raw)) {
			problems.add(where + " returns " + raw.getSimpleName()
					+ ", an asynchronous or streaming result, which tools do not support yet."
					+ " Fix: return the value itself, or " + leaveOut + ".");
		}
	}

	private static boolean isReactive(Class<?> type) {
		for (Class<?> candidate = type; candidate != null; candidate = candidate.getSuperclass()) {
			for (Class<?> implemented : ClassUtils.getAllInterfacesForClassAsSet(candidate)) {
				if (implemented.getName().equals(REACTIVE_PUBLISHER)) {
					return true;
				}
			}
		}
		return false;
	}

}
