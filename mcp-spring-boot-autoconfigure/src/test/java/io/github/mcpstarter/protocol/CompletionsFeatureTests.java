package io.github.mcpstarter.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@code completion/complete}: which offering's argument is completed, who may ask, and what a
 * hostile request cannot make the server keep.
 */
class CompletionsFeatureTests {

	private final JsonMapper json = JsonMapper.builder().build();

	private final TestRegistry registry = new TestRegistry();

	private final List<Map<String, String>> contexts = new ArrayList<>();

	private final FakeFeatureSupport support = new FakeFeatureSupport();

	private final CompletionSource.Lookup sources = (offering, argument) -> argument.equals("status")
			? (value, context, request) -> {
				this.contexts.add(context);
				return CompleteResult.of(List.of("open", "OPENED", "closed")
					.stream()
					.filter((status) -> status.toLowerCase().startsWith(value.toLowerCase()))
					.toList());
			} : null;

	private final CompletionsFeature feature = new CompletionsFeature(List.of(this.registry), this.sources,
			this.support);

	private final McpRequestContext context = new McpRequestContext(null, "2025-11-25", TransportContext.EMPTY);

	@Test
	void suggestsValuesForAPromptArgumentFromItsSourceWithTheKnownArguments() {
		this.registry.publish(List.of(new TestOffering(Offering.Kind.PROMPT, "summarize_order")));
		CompleteResult result = complete("{\"ref\":{\"type\":\"ref/prompt\",\"name\":\"summarize_order\"},"
				+ "\"argument\":{\"name\":\"status\",\"value\":\"op\"},\"context\":{\"arguments\":{\"id\":\"42\"}}}");
		assertThat(result.completion().values()).containsExactly("open", "OPENED");
		assertThat(result.completion().total()).isEqualTo(2);
		assertThat(result.completion().hasMore()).isFalse();
		assertThat(this.contexts).containsExactly(Map.of("id", "42"));
	}

	@Test
	void aResourceTemplateIsNamedByItsUriTemplate() {
		this.registry.publish(List.of(new TestOffering(Offering.Kind.RESOURCE_TEMPLATE, "orders://{status}")));
		CompleteResult result = complete("{\"ref\":{\"type\":\"ref/resource\",\"uri\":\"orders://{status}\"},"
				+ "\"argument\":{\"name\":\"status\",\"value\":\"c\"}}");
		assertThat(result.completion().values()).containsExactly("closed");
	}

	@Test
	void anArgumentWithoutSuggestionsGetsNoneRatherThanAnError() {
		this.registry.publish(List.of(new TestOffering(Offering.Kind.PROMPT, "summarize_order")));
		CompleteResult result = complete("{\"ref\":{\"type\":\"ref/prompt\",\"name\":\"summarize_order\"},"
				+ "\"argument\":{\"name\":\"id\",\"value\":\"4\"}}");
		assertThat(result.completion().values()).isEmpty();
		assertThat(result.completion().total()).isZero();
	}

	@Test
	void aHiddenPromptIsAnsweredExactlyAsOneThatDoesNotExist() {
		this.registry.publish(List.of(new TestOffering(Offering.Kind.PROMPT, "secret")));
		this.support.policy = (offering, request) -> AccessPolicy.Access.HIDDEN;
		McpProtocolException hidden = refusal("{\"ref\":{\"type\":\"ref/prompt\",\"name\":\"secret\"},"
				+ "\"argument\":{\"name\":\"status\",\"value\":\"\"}}");
		McpProtocolException absent = refusal("{\"ref\":{\"type\":\"ref/prompt\",\"name\":\"nothing\"},"
				+ "\"argument\":{\"name\":\"status\",\"value\":\"\"}}");
		assertThat(hidden.getError().code()).isEqualTo(absent.getError().code()).isEqualTo(-32602);
		assertThat(hidden.getError().message()).isEqualTo("Unknown prompt: secret");
		assertThat(absent.getError().message()).isEqualTo("Unknown prompt: nothing");
	}

	@Test
	void aPromptThatNeedsMoreScopesAsksForThem() {
		this.registry.publish(List.of(new TestOffering(Offering.Kind.PROMPT, "summarize_order")));
		this.support.policy = (offering, request) -> AccessPolicy.Access.insufficientScope(List.of("orders.read"));
		assertThatExceptionOfType(InsufficientScopeException.class)
			.isThrownBy(() -> complete("{\"ref\":{\"type\":\"ref/prompt\",\"name\":\"summarize_order\"},"
					+ "\"argument\":{\"name\":\"status\",\"value\":\"\"}}"))
			.satisfies((ex) -> assertThat(ex.getRequiredScopes()).containsExactly("orders.read"));
	}

	@Test
	void aPromptIsNotCompletedAsAResourceTemplateOfTheSameName() {
		this.registry.publish(List.of(new TestOffering(Offering.Kind.PROMPT, "orders://{status}")));
		assertThat(refusal("{\"ref\":{\"type\":\"ref/resource\",\"uri\":\"orders://{status}\"},"
				+ "\"argument\":{\"name\":\"status\",\"value\":\"\"}}").getError().message())
			.isEqualTo("Unknown resource template: orders://{status}");
	}

	@Test
	void malformedRequestsAreRefusedNamingWhatIsWrong() {
		assertThat(refusal("{}").getError().message()).isEqualTo("completion/complete needs a \"ref\" object");
		assertThat(refusal("{\"ref\":{\"type\":\"ref/tool\",\"name\":\"x\"}}").getError().message())
			.isEqualTo("Invalid ref.type: use \"ref/prompt\" or \"ref/resource\"");
		this.registry.publish(List.of(new TestOffering(Offering.Kind.PROMPT, "p")));
		assertThat(refusal("{\"ref\":{\"type\":\"ref/prompt\",\"name\":\"p\"},\"argument\":{\"name\":\"status\","
				+ "\"value\":7}}").getError().message())
			.isEqualTo("completion/complete needs a string \"argument.value\"");
		assertThat(refusal("{\"ref\":{\"type\":\"ref/prompt\",\"name\":\"p\"},\"argument\":{\"name\":\"status\","
				+ "\"value\":\"\"},\"context\":{\"arguments\":{\"id\":42}}}").getError().message())
			.isEqualTo("\"context.arguments.id\" must be a string");
	}

	@Test
	void nothingAClientSendsIsKeptUnbounded() {
		this.registry.publish(List.of(new TestOffering(Offering.Kind.PROMPT, "p")));
		String huge = "x".repeat(CompletionsFeature.MAX_VALUE_LENGTH + 1);
		assertThat(refusal("{\"ref\":{\"type\":\"ref/prompt\",\"name\":\"p\"},\"argument\":{\"name\":\"status\","
				+ "\"value\":\"" + huge + "\"}}").getError().message())
			.isEqualTo("Invalid argument.value: at most 1024 characters, got 1025");
		StringBuilder many = new StringBuilder();
		IntStream.range(0, CompletionsFeature.MAX_CONTEXT_ARGUMENTS + 1)
			.forEach((i) -> many.append(many.isEmpty() ? "" : ",").append("\"a").append(i).append("\":\"v\""));
		assertThat(refusal("{\"ref\":{\"type\":\"ref/prompt\",\"name\":\"p\"},\"argument\":{\"name\":\"status\","
				+ "\"value\":\"\"},\"context\":{\"arguments\":{" + many + "}}}").getError().message())
			.isEqualTo("\"context.arguments\" may hold at most 64 arguments");
	}

	@Test
	void atMostAHundredValuesAreSentWithTheTotal() {
		List<String> values = IntStream.range(0, 250).mapToObj((i) -> "v" + i).toList();
		CompleteResult result = CompleteResult.of(values);
		assertThat(result.completion().values()).hasSize(100).startsWith("v0", "v1");
		assertThat(result.completion().total()).isEqualTo(250);
		assertThat(result.completion().hasMore()).isTrue();
	}

	@Test
	void theServerDeclaresCompletionsOnceTheFeatureIsThere() {
		McpServer server = new McpServer(new Implementation("test", null, "1"), null, new ToolRegistry(),
				new InMemoryMcpSessionStore(java.time.Duration.ofMinutes(1), 10), 10, AccessPolicy.ALLOW_ALL,
				ToolCallObserver.NONE, false, 1000,
				List.of((support) -> new CompletionsFeature(List.of(this.registry), this.sources, support)));
		assertThat(server.capabilities()).containsKeys("tools", "completions", "logging");
	}

	private CompleteResult complete(String params) {
		return (CompleteResult) this.feature.serve(request(params), this.context);
	}

	private McpProtocolException refusal(String params) {
		try {
			this.feature.serve(request(params), this.context);
		}
		catch (McpProtocolException ex) {
			return ex;
		}
		throw new AssertionError("Expected a refusal of " + params);
	}

	private JsonRpcMessage.Request request(String params) {
		return new JsonRpcMessage.Request(1L, McpMethods.COMPLETION_COMPLETE, this.json.readTree(params));
	}

	private record TestOffering(Offering.Kind kind, String name) implements Offering {

		@Override
		public @Nullable Object origin() {
			return null;
		}

	}

	private static final class TestRegistry extends OfferingRegistry<TestOffering> {

		TestRegistry() {
			super("offering", (offering) -> offering);
		}

	}

}
