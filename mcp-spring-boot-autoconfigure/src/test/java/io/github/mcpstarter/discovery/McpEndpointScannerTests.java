package io.github.mcpstarter.discovery;

import java.io.InputStream;
import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpMethod;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import io.github.mcpstarter.McpTool;
import io.github.mcpstarter.McpTool.Hint;
import io.github.mcpstarter.protocol.Tool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Tests for {@link McpEndpointScanner}, run on the handler methods that the real Spring MVC
 * machinery maps.
 */
@ExtendWith(OutputCaptureExtension.class)
class McpEndpointScannerTests {

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DispatcherServletAutoConfiguration.class, WebMvcAutoConfiguration.class,
				HttpMessageConvertersAutoConfiguration.class, JacksonAutoConfiguration.class,
				ValidationAutoConfiguration.class));

	// What is published

	@Test
	void onlyMethodsAnnotatedWithMcpToolArePublished() {
		assertThat(scan(MixedController.class)).extracting(McpEndpoint::name).containsExactly("published");
	}

	@Test
	void controllerWithoutMcpToolPublishesNothing() {
		assertThat(scan(PlainController.class)).isEmpty();
	}

	@Test
	void classLevelMcpToolPublishesEveryHandlerMethodExceptExcludedOnes() {
		assertThat(scan(ClassAnnotatedController.class)).extracting(McpEndpoint::name)
			.containsExactly("first", "second");
	}

	@Test
	void publishedEndpointsAreOrderedByToolName() {
		assertThat(scan(ClassAnnotatedController.class, MixedController.class)).extracting(McpEndpoint::name)
			.containsExactly("first", "published", "second");
	}

	// Names and descriptions

	@Test
	void defaultNameIsTheMethodNameInSnakeCaseAndAnnotationNameWins() {
		Map<String, McpEndpoint> endpoints = byName(scan(NamingController.class));
		assertThat(endpoints).containsOnlyKeys("get_order_by_id", "orders.export-v2");
		assertThat(endpoints.get("get_order_by_id").handlerMethod().getMethod().getName()).isEqualTo("getOrderById");
		assertThat(endpoints.get("orders.export-v2").handlerMethod().getMethod().getName()).isEqualTo("exportOrders");
	}

	@Test
	void annotationDescriptionWinsOverSpringdocOperation() {
		assertThat(endpoint(DescriptionController.class, "annotated").description()).isEqualTo("From the annotation");
	}

	@Test
	void springdocOperationSummaryAndDescriptionAreJoined() {
		assertThat(endpoint(DescriptionController.class, "summary_and_description").description())
			.isEqualTo("Find orders. Filters by status.");
		assertThat(endpoint(DescriptionController.class, "summary_with_period").description())
			.isEqualTo("Find orders. Filters by status.");
	}

	@Test
	void springdocOperationSummaryOrDescriptionAloneIsTheDescription() {
		assertThat(endpoint(DescriptionController.class, "summary_only").description()).isEqualTo("Only a summary");
		assertThat(endpoint(DescriptionController.class, "description_only").description())
			.isEqualTo("Only a description");
	}

	@Test
	void withoutAnyDescriptionItIsTheHttpMethodAndFullPath() {
		assertThat(endpoint(DescriptionController.class, "undescribed").description())
			.isEqualTo("GET /descriptions/{id}/undescribed");
	}

	// Hints

	@Test
	void getIsReadOnlyAndSaysNothingOfDestructiveOrIdempotent() {
		assertThat(endpoint(HintsController.class, "read").annotations())
			.isEqualTo(new Tool.ToolAnnotations(null, true, null, null, null));
	}

	@Test
	void deleteIsDestructiveAndIdempotent() {
		assertThat(endpoint(HintsController.class, "remove").annotations())
			.isEqualTo(new Tool.ToolAnnotations(null, false, true, true, null));
	}

	@Test
	void putIsIdempotentAndNotDestructive() {
		assertThat(endpoint(HintsController.class, "replace").annotations())
			.isEqualTo(new Tool.ToolAnnotations(null, false, false, true, null));
	}

	@Test
	void postAndPatchAreNeitherDestructiveNorIdempotent() {
		assertThat(endpoint(HintsController.class, "create").annotations())
			.isEqualTo(new Tool.ToolAnnotations(null, false, false, false, null));
		assertThat(endpoint(HintsController.class, "patch").annotations())
			.isEqualTo(new Tool.ToolAnnotations(null, false, false, false, null));
	}

	@Test
	void explicitHintsOverrideDerivedOnesAndTitleIsCarried() {
		McpEndpoint endpoint = endpoint(HintsController.class, "overridden");
		assertThat(endpoint.title()).isEqualTo("Overridden");
		assertThat(endpoint.annotations())
			.isEqualTo(new Tool.ToolAnnotations("Overridden", false, true, false, true));
	}

	@Test
	void classLevelHintsApplyAndMethodLevelHintsWin() {
		Map<String, McpEndpoint> endpoints = byName(scan(ClassHintsController.class));
		assertThat(endpoints.get("class_hints").annotations())
			.isEqualTo(new Tool.ToolAnnotations(null, false, false, true, true));
		assertThat(endpoints.get("method_hints").annotations())
			.isEqualTo(new Tool.ToolAnnotations(null, false, true, true, false));
	}

	// The mapping and the inputs

	@Test
	void endpointDescribesTheMappingMvcServes() {
		McpEndpoint endpoint = endpoint(InputsController.class, "update_order");
		assertThat(endpoint.httpMethod()).isEqualTo(HttpMethod.PUT);
		assertThat(endpoint.pathPattern()).isEqualTo("/inputs/orders/{id}");
		assertThat(endpoint.consumes()).extracting(Object::toString).containsExactly("application/json");
		assertThat(endpoint.fixedQueryParameters()).containsExactly(Map.entry("version", "2"));
		assertThat(endpoint.fixedHeaders()).containsExactly(Map.entry("X-Api", "1"));
		assertThat(endpoint.handlerName()).isEqualTo("InputsController.updateOrder");
	}

	@Test
	void parametersAreClassifiedBySourceAndNonInputsAreLeftOut() {
		McpEndpoint endpoint = endpoint(InputsController.class, "update_order");
		assertThat(endpoint.parameters()).extracting(EndpointParameter::name, EndpointParameter::source,
				EndpointParameter::required)
			.containsExactly(tuple("id", ParameterSource.PATH, true),
					tuple("dryRun", ParameterSource.QUERY, false),
					tuple("X-Tenant", ParameterSource.HEADER, true),
					tuple("order", ParameterSource.BODY, true));
		assertThat(endpoint.body()).isSameAs(endpoint.parameters().get(3));
	}

	@Test
	void requiredFollowsRequiredDefaultValueAndOptional() {
		McpEndpoint endpoint = endpoint(InputsController.class, "search_orders");
		assertThat(endpoint.parameters()).extracting(EndpointParameter::name, EndpointParameter::required,
				EndpointParameter::defaultValue, EndpointParameter::multiValued)
			.containsExactly(tuple("q", true, null, false),
					tuple("sort", false, null, false),
					tuple("size", false, "20", false),
					tuple("page", false, null, false),
					tuple("status", true, null, true));
		assertThat(endpoint.parameters().get(3).type().resolve()).isEqualTo(Integer.class);
	}

	// Startup failures

	@Test
	void twoToolsWithOneNameFail() {
		McpToolDefinitionException failure = scanFailure(DuplicateNameController.class);
		assertThat(failure.getProblems()).singleElement()
			.satisfies((problem) -> assertThat(problem).contains("Two tools are named 'orders'")
				.contains("DuplicateNameController.listOrders")
				.contains("DuplicateNameController.findOrders")
				.contains("Fix: give one of them another name with @McpTool(name = \"...\")"));
	}

	@Test
	void requestMappingWithoutHttpMethodFails() {
		assertSingleProblem(AnyMethodController.class, "anything",
				"it answers every HTTP method", "Fix: map it to one method (@GetMapping, @PostMapping, ...)");
	}

	@Test
	void requestMappingWithTwoHttpMethodsFails() {
		McpToolDefinitionException failure = assertSingleProblem(TwoMethodsController.class, "getOrPost",
				"it answers several HTTP methods", "Fix: map it to one method");
		assertThat(failure.getProblems().get(0)).contains("GET").contains("POST");
	}

	@Test
	void inputStreamParameterFails() {
		assertSingleProblem(InputStreamController.class, "upload", "parameter 'content'",
				"reads the raw request body as a stream",
				"Fix: take a @RequestBody of a JSON type, or leave the method out with @McpTool(exclude = true)");
	}

	@Test
	void multipartFileParameterFails() {
		assertSingleProblem(MultipartController.class, "attach", "parameter 'file'", "is a multipart upload",
				"Fix: leave the method out with @McpTool(exclude = true)");
	}

	@Test
	void invalidToolNameFails() {
		assertSingleProblem(InvalidNameController.class, "spaced", "tool name 'has space'",
				"Fix: set a valid @McpTool(name = \"...\")");
	}

	@Test
	void requestParamMapFails() {
		assertSingleProblem(ParamMapController.class, "everything", "parameter 'params'",
				"takes a map of all parameters",
				"Fix: declare each input as its own @PathVariable or @RequestParam");
	}

	@Test
	void pathVariableAndRequestParamWithOneNameFail() {
		assertSingleProblem(CollisionController.class, "collide", "two inputs are named 'id' (path and query)",
				"Fix: rename one of them");
	}

	@Test
	void publishedHeaderWithoutMatchingRequestHeaderParameterFails() {
		assertSingleProblem(MissingHeaderController.class, "headless", "@McpTool(headers) names 'X-Missing'",
				"no @RequestHeader parameter has that name", "Fix: correct the name or remove it");
	}

	@Test
	void completableFutureReturnTypeFails() {
		assertSingleProblem(AsyncController.class, "later", "returns CompletableFuture",
				"an asynchronous or streaming result",
				"Fix: return the value itself, or leave the method out with @McpTool(exclude = true)");
	}

	@Test
	void classLevelMcpToolWithANameFails() {
		assertSingleProblem(NamedClassController.class, "only", "@McpTool on class NamedClassController",
				"sets a name, title or description", "Fix: set them on the methods");
	}

	@Test
	void modelAttributeWithAnObjectPropertyFails() {
		assertSingleProblem(NestedModelAttributeController.class, "nested", "parameter 'filter'",
				"its property 'range' is an object",
				"Fix: take the object as a @RequestBody, or flatten that property");
	}

	@Test
	void everyProblemIsReportedTogetherInOneException() {
		McpToolDefinitionException failure = scanFailure(ManyProblemsController.class, AnyMethodController.class);
		assertThat(failure.getProblems()).hasSize(4);
		assertThat(failure.getProblems()).anySatisfy((problem) -> assertThat(problem)
			.contains(ManyProblemsController.class.getName() + ".twoProblems() parameter 'content'")
			.contains("reads the raw request body as a stream"));
		assertThat(failure.getProblems()).anySatisfy((problem) -> assertThat(problem)
			.contains(ManyProblemsController.class.getName() + ".twoProblems()")
			.contains("returns CompletableFuture"));
		assertThat(failure.getProblems()).anySatisfy((problem) -> assertThat(problem)
			.contains(ManyProblemsController.class.getName() + ".badName()")
			.contains("tool name 'bad/name'"));
		assertThat(failure.getProblems()).anySatisfy((problem) -> assertThat(problem)
			.contains(AnyMethodController.class.getName() + ".anything()")
			.contains("it answers every HTTP method"));
		assertThat(failure.getMessage()).startsWith("Cannot publish the annotated endpoints over MCP (4 problems):");
		failure.getProblems().forEach((problem) -> assertThat(failure.getMessage()).contains(" - " + problem));
	}

	@Test
	void singleProblemMessageSaysOneProblem() {
		McpToolDefinitionException failure = scanFailure(InvalidNameController.class);
		assertThat(failure.getMessage()).startsWith("Cannot publish the annotated endpoints over MCP (1 problem):");
	}

	// Reported bugs, asserting the correct behaviour

	@Test
	void modelAttributeOptionalPropertyIsAnOptionalQueryParameter() {
		McpEndpoint endpoint = endpoint(OptionalModelAttributeController.class, "optional_filter");
		assertThat(endpoint.parameters()).extracting(EndpointParameter::name, EndpointParameter::source,
				EndpointParameter::required)
			.containsExactly(tuple("name", ParameterSource.QUERY, false),
					tuple("color", ParameterSource.QUERY, false));
		assertThat(endpoint.parameters().get(1).type().resolve()).isEqualTo(Color.class);
	}

	@Test
	void notRequiredPrimitiveRequestParamWithoutDefaultIsRequired() {
		McpEndpoint endpoint = endpoint(PrimitiveParamController.class, "primitive_page");
		assertThat(endpoint.parameters()).extracting(EndpointParameter::name, EndpointParameter::required)
			.containsExactly(tuple("page", true),
					tuple("verbose", false));
	}

	// What MVC itself accepts, and nothing left out silently

	@Test
	void aRequiredCookieThatIsNotPublishedFailsNamingItAndTheFix() {
		assertSingleProblem(CookieController.class, "unpublishedCookie", "requires the cookie 'session'",
				"@McpTool(cookies = \"session\")");
	}

	@Test
	void aPublishedCookieIsACookieArgumentAndAnOptionalOneIsLeftToTheMcpRequest() {
		McpEndpoint endpoint = endpoint(PublishedCookieController.class, "published_cookie");

		assertThat(endpoint.parameters()).extracting(EndpointParameter::name, EndpointParameter::source,
				EndpointParameter::required)
			.containsExactly(tuple("session", ParameterSource.COOKIE, true));
	}

	@Test
	void aRequiredHeaderThatIsNotPublishedIsAWarningNamingToolAndHeader(CapturedOutput output) {
		scan(RequiredHeaderController.class);

		assertThat(output).contains("Tool 'needs_key'", "requires the header 'X-Api-Key'", "@McpTool(headers)");
	}

	@Test
	void aSingleMatrixVariableIsNotDescribedAsAMap() {
		McpToolDefinitionException failure = assertSingleProblem(MatrixController.class, "matrix",
				"parameter 'color' is a matrix variable");
		assertThat(failure.getProblems().get(0)).doesNotContain("map");
	}

	@Test
	void problemsAreListedByClassAndMethod() {
		McpToolDefinitionException failure = scanFailure(ManyProblemsController.class, AnyMethodController.class);

		assertThat(failure.getProblems()).isSortedAccordingTo(java.util.Comparator.naturalOrder());
	}

	@Test
	void aToolNameLongerThanModelApisAcceptIsAWarning(CapturedOutput output) {
		scan(LongNameController.class);

		assertThat(output).contains("has a name of 70 characters", "at most 64");
	}

	@Test
	void theBodyArgumentTakesTheNameMcpToolGivesIt() {
		McpEndpoint endpoint = endpoint(RenamedBodyController.class, "renamed_body");

		assertThat(endpoint.body().name()).isEqualTo("order");
	}

	@Test
	void aPathRegexInJavaOnlySyntaxIsCheckedAtCallTimeButNotPublished() {
		McpEndpoint endpoint = endpoint(JavaRegexController.class, "java_regex");

		assertThat(endpoint.parameters().get(0).rules().javaPattern()).isEqualTo("\\p{Alpha}+");
		assertThat(endpoint.parameters().get(0).rules().pattern()).isNull();
	}

	// Helpers

	private McpEndpoint endpoint(Class<?> controller, String tool) {
		Map<String, McpEndpoint> endpoints = byName(scan(controller));
		assertThat(endpoints).as("tools of " + controller.getSimpleName()).containsKey(tool);
		return endpoints.get(tool);
	}

	private static Map<String, McpEndpoint> byName(List<McpEndpoint> endpoints) {
		return endpoints.stream().collect(Collectors.toMap(McpEndpoint::name, Function.identity()));
	}

	private List<McpEndpoint> scan(Class<?>... controllers) {
		List<McpEndpoint> endpoints = new ArrayList<>();
		this.runner.withUserConfiguration(controllers).run((context) -> {
			assertThat(context).hasNotFailed();
			endpoints.addAll(scanner(context).scan());
		});
		return endpoints;
	}

	private McpToolDefinitionException scanFailure(Class<?>... controllers) {
		AtomicReference<McpToolDefinitionException> failure = new AtomicReference<>();
		this.runner.withUserConfiguration(controllers).run((context) -> {
			assertThat(context).hasNotFailed();
			try {
				List<McpEndpoint> endpoints = scanner(context).scan();
				fail("Expected McpToolDefinitionException, but published " + endpoints);
			}
			catch (McpToolDefinitionException ex) {
				failure.set(ex);
			}
		});
		return failure.get();
	}

	/** The single problem names the handler method, what is wrong and the fix. */
	private McpToolDefinitionException assertSingleProblem(Class<?> controller, String method, String... fragments) {
		McpToolDefinitionException failure = scanFailure(controller);
		assertThat(failure.getProblems()).singleElement().satisfies((problem) -> {
			assertThat(problem).contains(controller.getName() + "." + method + "()");
			assertThat(problem).contains(fragments);
			assertThat(problem).contains("Fix:");
		});
		assertThat(failure.getMessage()).contains(failure.getProblems().get(0));
		return failure;
	}

	private static McpEndpointScanner scanner(ApplicationContext context) {
		return new McpEndpointScanner(
				context.getBeanProvider(RequestMappingHandlerMapping.class).orderedStream().toList(),
				context.getBean(RequestMappingHandlerAdapter.class));
	}

	// Fixtures

	enum Color {

		RED, GREEN

	}

	record Order(String item) {
	}

	record Range(Integer from, Integer to) {
	}

	record NestedFilter(String name, Range range) {
	}

	record OptionalFilter(String name, Optional<Color> color) {
	}

	@RestController
	static class MixedController {

		@McpTool
		@GetMapping("/mixed/published")
		String published() {
			return "";
		}

		@GetMapping("/mixed/unpublished")
		String unpublished() {
			return "";
		}

	}

	@RestController
	static class PlainController {

		@GetMapping("/plain")
		String plain() {
			return "";
		}

		@PostMapping("/plain")
		String plainPost() {
			return "";
		}

	}

	@RestController
	@McpTool
	static class ClassAnnotatedController {

		@GetMapping("/class/first")
		String first() {
			return "";
		}

		@McpTool(description = "The second")
		@GetMapping("/class/second")
		String second() {
			return "";
		}

		@McpTool(exclude = true)
		@GetMapping("/class/excluded")
		String excluded() {
			return "";
		}

	}

	@RestController
	static class NamingController {

		@McpTool
		@GetMapping("/naming/orders/{id}")
		String getOrderById(@PathVariable Long id) {
			return "";
		}

		@McpTool(name = "orders.export-v2")
		@GetMapping("/naming/export")
		String exportOrders() {
			return "";
		}

	}

	@RestController
	@RequestMapping("/descriptions/{id}")
	static class DescriptionController {

		@McpTool(description = "From the annotation")
		@Operation(summary = "From springdoc")
		@GetMapping("/annotated")
		String annotated(@PathVariable Long id) {
			return "";
		}

		@McpTool
		@Operation(summary = "Find orders", description = "Filters by status.")
		@GetMapping("/joined")
		String summaryAndDescription(@PathVariable Long id) {
			return "";
		}

		@McpTool
		@Operation(summary = "Find orders.", description = "Filters by status.")
		@GetMapping("/period")
		String summaryWithPeriod(@PathVariable Long id) {
			return "";
		}

		@McpTool
		@Operation(summary = "Only a summary")
		@GetMapping("/summary")
		String summaryOnly(@PathVariable Long id) {
			return "";
		}

		@McpTool
		@Operation(description = "Only a description")
		@GetMapping("/description")
		String descriptionOnly(@PathVariable Long id) {
			return "";
		}

		@McpTool
		@GetMapping("/undescribed")
		String undescribed(@PathVariable Long id) {
			return "";
		}

	}

	@RestController
	@RequestMapping("/hints")
	static class HintsController {

		@McpTool
		@GetMapping
		String read() {
			return "";
		}

		@McpTool
		@DeleteMapping
		void remove() {
		}

		@McpTool
		@PutMapping
		void replace() {
		}

		@McpTool
		@PostMapping
		void create() {
		}

		@McpTool
		@PatchMapping
		void patch() {
		}

		@McpTool(title = "Overridden", readOnly = Hint.FALSE, destructive = Hint.TRUE, idempotent = Hint.FALSE,
				openWorld = Hint.TRUE)
		@GetMapping("/overridden")
		String overridden() {
			return "";
		}

	}

	@RestController
	@McpTool(idempotent = Hint.TRUE, openWorld = Hint.TRUE)
	static class ClassHintsController {

		@PostMapping("/class-hints")
		void classHints() {
		}

		@McpTool(destructive = Hint.TRUE, openWorld = Hint.FALSE)
		@PostMapping("/method-hints")
		void methodHints() {
		}

	}

	@RestController
	@RequestMapping("/inputs")
	static class InputsController {

		@McpTool(headers = "X-Tenant")
		@PutMapping(path = "/orders/{id}", consumes = "application/json", params = { "version=2", "!legacy" },
				headers = "X-Api=1")
		String updateOrder(@PathVariable Long id, @RequestParam(required = false) Boolean dryRun,
				@RequestHeader("X-Tenant") String tenant, @RequestHeader("X-Trace") String trace,
				@RequestBody Order order, Principal principal, Locale locale, HttpServletRequest request) {
			return "";
		}

		@McpTool
		@GetMapping("/orders")
		String searchOrders(@RequestParam String q, @RequestParam(required = false) String sort,
				@RequestParam(defaultValue = "20") int size, @RequestParam Optional<Integer> page,
				@RequestParam List<String> status) {
			return "";
		}

	}

	@RestController
	static class DuplicateNameController {

		@McpTool(name = "orders")
		@GetMapping("/duplicate/list")
		String listOrders() {
			return "";
		}

		@McpTool(name = "orders")
		@GetMapping("/duplicate/find")
		String findOrders() {
			return "";
		}

	}

	@RestController
	static class AnyMethodController {

		@McpTool
		@RequestMapping("/any")
		String anything() {
			return "";
		}

	}

	@RestController
	static class TwoMethodsController {

		@McpTool
		@RequestMapping(path = "/two", method = { RequestMethod.GET, RequestMethod.POST })
		String getOrPost() {
			return "";
		}

	}

	@RestController
	static class InputStreamController {

		@McpTool
		@PostMapping("/stream")
		String upload(InputStream content) {
			return "";
		}

	}

	@RestController
	static class MultipartController {

		@McpTool
		@PostMapping("/multipart")
		String attach(@RequestParam MultipartFile file) {
			return "";
		}

	}

	@RestController
	static class InvalidNameController {

		@McpTool(name = "has space")
		@GetMapping("/invalid-name")
		String spaced() {
			return "";
		}

	}

	@RestController
	static class ParamMapController {

		@McpTool
		@GetMapping("/param-map")
		String everything(@RequestParam Map<String, String> params) {
			return "";
		}

	}

	@RestController
	static class CollisionController {

		@McpTool
		@GetMapping("/collision/{id}")
		String collide(@PathVariable("id") Long pathId, @RequestParam("id") String queryId) {
			return "";
		}

	}

	@RestController
	static class MissingHeaderController {

		@McpTool(headers = "X-Missing")
		@GetMapping("/missing-header")
		String headless(@RequestHeader("X-Present") String present) {
			return "";
		}

	}

	@RestController
	static class AsyncController {

		@McpTool
		@GetMapping("/async")
		CompletableFuture<String> later() {
			return CompletableFuture.completedFuture("");
		}

	}

	@RestController
	@McpTool(name = "everything")
	static class NamedClassController {

		@GetMapping("/named-class")
		String only() {
			return "";
		}

	}

	@RestController
	static class NestedModelAttributeController {

		@McpTool
		@GetMapping("/nested-model")
		String nested(NestedFilter filter) {
			return "";
		}

	}

	@RestController
	static class ManyProblemsController {

		@McpTool
		@PostMapping("/many/two")
		CompletableFuture<String> twoProblems(InputStream content) {
			return CompletableFuture.completedFuture("");
		}

		@McpTool(name = "bad/name")
		@GetMapping("/many/bad-name")
		String badName() {
			return "";
		}

		@McpTool
		@GetMapping("/many/fine")
		String fine() {
			return "";
		}

	}

	@RestController
	static class OptionalModelAttributeController {

		@McpTool
		@GetMapping("/optional-model")
		String optionalFilter(OptionalFilter filter) {
			return "";
		}

	}

	@RestController
	static class PrimitiveParamController {

		@McpTool
		@GetMapping("/primitive")
		String primitivePage(@RequestParam(required = false) int page,
				@RequestParam(required = false) boolean verbose) {
			return "";
		}

	}


	@RestController
	static class CookieController {

		@McpTool
		@GetMapping("/cookie/unpublished")
		String unpublishedCookie(@org.springframework.web.bind.annotation.CookieValue String session) {
			return session;
		}

	}

	@RestController
	static class PublishedCookieController {

		@McpTool(cookies = "session")
		@GetMapping("/cookie/published")
		String publishedCookie(@org.springframework.web.bind.annotation.CookieValue String session,
				@org.springframework.web.bind.annotation.CookieValue(required = false) String theme) {
			return session;
		}

	}

	@RestController
	static class RequiredHeaderController {

		@McpTool
		@GetMapping("/needs-key")
		String needsKey(@RequestHeader("X-Api-Key") String key) {
			return key;
		}

	}

	@RestController
	static class MatrixController {

		@McpTool
		@GetMapping("/matrix/{path}")
		String matrix(@PathVariable String path, @org.springframework.web.bind.annotation.MatrixVariable String color) {
			return color;
		}

	}

	@RestController
	static class LongNameController {

		@McpTool(name = "a_tool_name_of_seventy_characters_which_several_model_apis_would_refus")
		@GetMapping("/long-name")
		String longName() {
			return "";
		}

	}

	@RestController
	static class RenamedBodyController {

		@McpTool(bodyName = "order")
		@PostMapping("/renamed-body")
		String renamedBody(@RequestBody Order request) {
			return "";
		}

	}

	@RestController
	static class JavaRegexController {

		@McpTool
		@GetMapping("/java-regex/{word:\\p{Alpha}+}")
		String javaRegex(@PathVariable String word) {
			return word;
		}

	}

}
