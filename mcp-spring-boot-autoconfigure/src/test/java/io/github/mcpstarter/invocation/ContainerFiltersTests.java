package io.github.mcpstarter.invocation;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.ServletException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.filter.RequestContextFilter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which of the application's filters a tool call's request goes through, and in which order: as
 * the container applies them, by URL pattern then by servlet name, for the REQUEST dispatcher type.
 */
class ContainerFiltersTests {

	private final List<String> ran = new ArrayList<>();

	private final DefaultListableBeanFactory beans = new DefaultListableBeanFactory();

	@Test
	void filtersRunInOrderByUrlPatternThenByServletName() throws Exception {
		register("byServletName", 1, (registration) -> registration.addServletNames("dispatcherServlet"));
		register("api", 2, (registration) -> registration.addUrlPatterns("/api/*"));
		register("everything", 3, (registration) -> {
		});
		register("json", 4, (registration) -> registration.addUrlPatterns("*.json"));
		register("exact", 5, (registration) -> registration.addUrlPatterns("/api/owners"));
		register("other", 6, (registration) -> registration.addUrlPatterns("/other/*", "/mcp"));
		register("errorsOnly", 7, (registration) -> registration.setDispatcherTypes(DispatcherType.ERROR));
		register("disabled", 8, (registration) -> registration.setEnabled(false));

		run("/api/owners");
		assertThat(this.ran).containsExactly("api", "everything", "exact", "byServletName", "servlet");
		this.ran.clear();
		run("/api/owners.json");
		assertThat(this.ran).containsExactly("api", "everything", "json", "byServletName", "servlet");
		this.ran.clear();
		run("/apiary");
		assertThat(this.ran).containsExactly("everything", "byServletName", "servlet");
	}

	@Test
	void filterThatAnswersStopsTheRequestBeforeTheServlet() throws Exception {
		this.beans.registerSingleton("refusing", registration(1, (request, response, chain) -> {
			this.ran.add("refusing");
			((jakarta.servlet.http.HttpServletResponse) response).sendError(403);
		}));
		MockHttpServletResponse response = run("/api/owners");
		assertThat(this.ran).containsExactly("refusing");
		assertThat(response.getStatus()).isEqualTo(403);
	}

	@Test
	void threadBoundRequestStateIsPutBackAfterFiltersThatResetIt() throws Exception {
		this.beans.registerSingleton("requestContextFilter", new RequestContextFilter());
		ServletRequestAttributes mcpRequest = new ServletRequestAttributes(new MockHttpServletRequest());
		RequestContextHolder.setRequestAttributes(mcpRequest);
		try {
			run("/api/owners");
			assertThat(RequestContextHolder.getRequestAttributes()).isSameAs(mcpRequest);
		}
		finally {
			RequestContextHolder.resetRequestAttributes();
		}
	}

	private MockHttpServletResponse run(String path) throws ServletException, IOException {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", path);
		request.setServletPath(path);
		MockHttpServletResponse response = new MockHttpServletResponse();
		ContainerFilters.of(this.beans).doFilter(request, response, "dispatcherServlet",
				(req, res) -> this.ran.add("servlet"));
		return response;
	}

	private void register(String name, int order,
			java.util.function.Consumer<FilterRegistrationBean<Filter>> mapping) {
		FilterRegistrationBean<Filter> registration = registration(order, (request, response, chain) -> {
			this.ran.add(name);
			chain.doFilter(request, response);
		});
		mapping.accept(registration);
		this.beans.registerSingleton(name, registration);
	}

	private static FilterRegistrationBean<Filter> registration(int order, Filter filter) {
		FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(filter);
		registration.setOrder(order);
		return registration;
	}

}
