package io.github.mcpstarter.discovery;

import java.lang.annotation.Annotation;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.core.MethodParameter;
import org.springframework.core.ResolvableType;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.data.web.PageableHandlerMethodArgumentResolver;
import org.springframework.data.web.SortHandlerMethodArgumentResolver;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;

/**
 * {@code Pageable} and {@code Sort} handler parameters as the query parameters Spring Data's web
 * support reads: {@code page}, {@code size} and {@code sort} under the application's own names,
 * with its limits and defaults.
 *
 * <p>The application's resolver is asked rather than its settings read: given a request that
 * records what is read from it, the resolver itself says which parameter names it reads (with
 * any prefix and qualifier), whether pages count from one, the largest page size and the
 * defaults ({@code @PageableDefault}, {@code @SortDefault} or the fallback). Loaded only when
 * Spring Data is on the classpath.
 */
final class SpringDataParameters {

	private static final String SORT_DESCRIPTION = "Sort order: each value is a property, optionally followed by"
			+ " ',asc' or ',desc' (such as 'name,desc'); later values break ties.";

	private SpringDataParameters() {
	}

	static boolean supports(HandlerMethodArgumentResolver resolver) {
		return resolver instanceof PageableHandlerMethodArgumentResolver
				|| resolver instanceof SortHandlerMethodArgumentResolver;
	}

	static List<EndpointParameter> describe(MethodParameter parameter, HandlerMethodArgumentResolver resolver) {
		List<EndpointParameter> parameters = new ArrayList<>();
		if (resolver instanceof PageableHandlerMethodArgumentResolver pageables) {
			Probe probe = new Probe(Map.of());
			Pageable defaults = (Pageable) resolve(pageables, parameter, probe);
			List<String> names = probe.parameterNames;
			if (names.size() < 2) {
				return parameters;
			}
			String page = names.get(0);
			String size = names.get(1);
			Pageable fromOne = (Pageable) resolve(pageables, parameter, new Probe(Map.of(page, "1", size, "1")));
			boolean oneIndexed = fromOne.isPaged() && fromOne.getPageNumber() == 0;
			Pageable largest = (Pageable) resolve(pageables, parameter,
					new Probe(Map.of(size, String.valueOf(Integer.MAX_VALUE))));
			long first = oneIndexed ? 1 : 0;
			String defaultPage = defaults.isPaged() ? String.valueOf(defaults.getPageNumber() + first) : null;
			String defaultSize = defaults.isPaged() ? String.valueOf(defaults.getPageSize()) : null;
			Long maxSize = largest.isPaged() ? (long) largest.getPageSize() : null;
			parameters.add(new EndpointParameter(page, ParameterSource.QUERY, ResolvableType.forClass(Integer.class),
					false, defaultPage, "The page to return, counting from " + first + ".", new Annotation[0],
					ValueRules.range(first, null)));
			parameters.add(new EndpointParameter(size, ParameterSource.QUERY, ResolvableType.forClass(Integer.class),
					false, defaultSize, "How many items a page holds" + ((maxSize != null) ? ", at most " + maxSize : "")
							+ ".",
					new Annotation[0], ValueRules.range(1L, maxSize)));
			if (probe.valuesNames.size() == 1) {
				parameters.add(sort(probe.valuesNames.get(0), defaults.getSort()));
			}
		}
		else if (resolver instanceof SortHandlerMethodArgumentResolver sorts) {
			Probe probe = new Probe(Map.of());
			Sort defaults = (Sort) resolve(sorts, parameter, probe);
			if (probe.valuesNames.size() == 1) {
				parameters.add(sort(probe.valuesNames.get(0), defaults));
			}
		}
		return parameters;
	}

	private static EndpointParameter sort(String name, Sort defaults) {
		List<String> values = new ArrayList<>();
		for (Sort.Order order : defaults) {
			values.add(order.getProperty() + "," + order.getDirection().name().toLowerCase(java.util.Locale.ROOT));
		}
		// The sort resolver reads every value as sent (getParameterValues): a lone 'name,desc' is not split.
		// No default keyword: a default of a multi-valued input is read as comma-separated values.
		String description = SORT_DESCRIPTION
				+ (values.isEmpty() ? "" : " Without it: " + String.join("; ", values) + ".");
		return new EndpointParameter(name, ParameterSource.QUERY,
				ResolvableType.forClassWithGenerics(List.class, String.class), false, null, description,
				new Annotation[0], ValueRules.readVerbatim());
	}

	private static Object resolve(HandlerMethodArgumentResolver resolver, MethodParameter parameter, Probe probe) {
		try {
			return resolver.resolveArgument(parameter, null, probe.request(), null);
		}
		catch (Exception ex) {
			throw new IllegalStateException("Spring Data could not resolve " + parameter + " from a plain request", ex);
		}
	}

	/** A request with the given parameters that records the names asked of it. */
	private static final class Probe {

		private final Map<String, String> parameters;

		private final List<String> parameterNames = new ArrayList<>();

		private final List<String> valuesNames = new ArrayList<>();

		Probe(Map<String, String> parameters) {
			this.parameters = new HashMap<>(parameters);
		}

		NativeWebRequest request() {
			return (NativeWebRequest) Proxy.newProxyInstance(SpringDataParameters.class.getClassLoader(),
					new Class<?>[] { NativeWebRequest.class }, (proxy, method, args) -> {
						switch (method.getName()) {
							case "getParameter" -> {
								this.parameterNames.add((String) args[0]);
								return this.parameters.get((String) args[0]);
							}
							case "getParameterValues" -> {
								this.valuesNames.add((String) args[0]);
								String value = this.parameters.get((String) args[0]);
								return (value != null) ? new String[] { value } : null;
							}
							case "getParameterMap" -> {
								Map<String, String[]> map = new LinkedHashMap<>();
								this.parameters.forEach((name, value) -> map.put(name, new String[] { value }));
								return map;
							}
							case "getParameterNames" -> {
								return this.parameters.keySet().iterator();
							}
							case "hashCode" -> {
								return System.identityHashCode(proxy);
							}
							case "equals" -> {
								return proxy == args[0];
							}
							case "toString" -> {
								return "probe request";
							}
							default -> {
								return defaultValue(method.getReturnType());
							}
						}
					});
		}

		private static @Nullable Object defaultValue(Class<?> type) {
			if (type == boolean.class) {
				return false;
			}
			if (type == int.class) {
				return 0;
			}
			return null;
		}

	}

}
