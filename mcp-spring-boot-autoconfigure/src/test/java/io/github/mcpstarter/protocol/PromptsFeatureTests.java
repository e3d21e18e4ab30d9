package io.github.mcpstarter.protocol;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The prompts feature in the protocol core, without HTTP: what {@code prompts/list} shows to whom,
 * pages, what {@code prompts/get} refuses before the prompt runs, and who hears of list changes.
 */
class PromptsFeatureTests {

	private final JsonMapper json = JsonMapper.builder().build();

	private final PromptRegistry registry = new PromptRegistry();

	private final FakeFeatureSupport support = new FakeFeatureSupport();

	private final PromptsFeature feature = new PromptsFeature(this.registry, this.support);

	/** What the last get handed the prompt. */
	private Map<String, String> received;

	@Test
	void declaresThePromptsCapabilityWithListChangedAndItsListenFlag() {
		assertThat(this.feature.capability()).isEqualTo("prompts");
		assertThat(this.feature.capabilityValue()).containsEntry("listChanged", true);
		assertThat(this.feature.methods()).containsExactlyInAnyOrder("prompts/list", "prompts/get");
		assertThat(this.feature.listenFlags()).containsExactly("promptsListChanged");
		assertThat(this.feature.isCacheable("prompts/list")).isTrue();
		assertThat(this.feature.isCacheable("prompts/get")).isFalse();
	}

	@Test
	void listShowsEveryPublishedPromptWithItsArguments() {
		publish(prompt("greet", new PromptArgument("name", "Who to greet", true)), prompt("plain"));
		ListPromptsResult result = this.feature.listPrompts(null, context());
		assertThat(result.prompts()).extracting(Prompt::name).containsExactly("greet", "plain");
		assertThat(result.prompts().get(0).arguments()).containsExactly(new PromptArgument("name", "Who to greet", true));
		assertThat(result.nextCursor()).isNull();
		JsonNode wire = this.json.valueToTree(result);
		assertThat(wire.at("/prompts/0/arguments/0/required").asBoolean()).isTrue();
		assertThat(wire.at("/prompts/0").has("title")).isFalse();
	}

	@Test
	void listIsPagedWithCursorsOfWhatTheCallerSees() {
		this.support.pageSize = 2;
		publish(prompt("a"), prompt("b"), prompt("c"));
		ListPromptsResult first = this.feature.listPrompts(null, context());
		assertThat(first.prompts()).extracting(Prompt::name).containsExactly("a", "b");
		ListPromptsResult second = this.feature.listPrompts(params("{\"cursor\":\"" + first.nextCursor() + "\"}"),
				context());
		assertThat(second.prompts()).extracting(Prompt::name).containsExactly("c");
		assertThat(second.nextCursor()).isNull();
		assertThatExceptionOfType(McpProtocolException.class)
			.isThrownBy(() -> this.feature.listPrompts(params("{\"cursor\":\"bogus\"}"), context()))
			.satisfies((ex) -> assertThat(ex.getError().code()).isEqualTo(-32602));
	}

	@Test
	void listShowsOnlyWhatTheCallerMayGet() {
		publish(prompt("open"), prompt("secret"), prompt("scoped"));
		this.support.policy = (offering, context) -> switch (offering.name()) {
			case "secret" -> AccessPolicy.Access.HIDDEN;
			case "scoped" -> AccessPolicy.Access.insufficientScope(List.of("prompts.read"));
			default -> AccessPolicy.Access.ALLOWED;
		};
		assertThat(this.feature.listPrompts(null, context()).prompts()).extracting(Prompt::name).containsExactly("open");
	}

	@Test
	void getRunsThePromptWithItsArguments() {
		publish(prompt("greet", new PromptArgument("name", null, true), new PromptArgument("tone", null, false)));
		GetPromptResult result = (GetPromptResult) this.feature.getPrompt(params("{\"name\":\"greet\",\"arguments\":{\"name\":\"Ada\"}}"),
				context());
		assertThat(this.received).containsExactly(Map.entry("name", "Ada"));
		assertThat(result.messages()).hasSize(1);
		JsonNode wire = this.json.valueToTree(result);
		assertThat(wire.at("/messages/0/role").asString()).isEqualTo("user");
		assertThat(wire.at("/messages/0/content/type").asString()).isEqualTo("text");
		assertThat(wire.at("/messages/0/content/text").asString()).isEqualTo("greet {name=Ada}");
		assertThat(wire.has("description")).isFalse();
	}

	@Test
	void nullArgumentIsAsIfAbsent() {
		publish(prompt("greet", new PromptArgument("tone", null, false)));
		this.feature.getPrompt(params("{\"name\":\"greet\",\"arguments\":{\"tone\":null}}"), context());
		assertThat(this.received).isEmpty();
	}

	@Test
	void unknownAndHiddenPromptsGetTheSameAnswer() {
		publish(prompt("secret"));
		this.support.policy = (offering, context) -> AccessPolicy.Access.HIDDEN;
		McpProtocolException hidden = refusal("{\"name\":\"secret\"}");
		McpProtocolException unknown = refusal("{\"name\":\"nothing\"}");
		assertThat(hidden.getError().code()).isEqualTo(-32602);
		assertThat(hidden.getError().message()).isEqualTo("Unknown prompt: secret");
		assertThat(unknown.getError().message()).isEqualTo("Unknown prompt: nothing");
		assertThat(this.received).isNull();
	}

	@Test
	void hiddenPromptRevealsNothingOfItsArguments() {
		publish(prompt("secret", new PromptArgument("key", null, true)));
		this.support.policy = (offering, context) -> AccessPolicy.Access.HIDDEN;
		assertThat(refusal("{\"name\":\"secret\",\"arguments\":{\"nope\":\"1\"}}").getError().message())
			.isEqualTo("Unknown prompt: secret");
	}

	@Test
	void promptThatNeedsAScopeTheTokenLacksGetsTheInsufficientScopeError() {
		publish(prompt("scoped"));
		this.support.policy = (offering, context) -> AccessPolicy.Access.insufficientScope(List.of("prompts.read"));
		McpProtocolException refused = refusal("{\"name\":\"scoped\"}");
		assertThat(refused).isInstanceOf(InsufficientScopeException.class);
		assertThat(refused.getError().code()).isEqualTo(-32003);
		assertThat(refused.getError().message()).contains("this prompt needs");
		assertThat(((InsufficientScopeException) refused).getRequiredScopes()).containsExactly("prompts.read");
		assertThat(this.received).isNull();
	}

	@Test
	void getNeedsAStringName() {
		assertThat(refusal("{}").getError().message()).isEqualTo("prompts/get needs a string \"name\"");
		assertThat(refusal("{\"name\":7}").getError().code()).isEqualTo(-32602);
		assertThatExceptionOfType(McpProtocolException.class)
			.isThrownBy(() -> this.feature.getPrompt(null, context()))
			.satisfies((ex) -> assertThat(ex.getError().code()).isEqualTo(-32602));
	}

	@Test
	void everyArgumentProblemIsNamedAtOnce() {
		publish(prompt("greet", new PromptArgument("name", null, true), new PromptArgument("count", null, true),
				new PromptArgument("tone", null, false)));
		McpProtocolException refused = refusal(
				"{\"name\":\"greet\",\"arguments\":{\"count\":3,\"colour\":\"red\",\"tone\":{}}}");
		assertThat(refused.getError().code()).isEqualTo(-32602);
		assertThat(refused.getError().message()).startsWith("Invalid arguments for prompt 'greet': ")
			.contains("argument 'count' must be a string")
			.contains("unknown argument 'colour'; this prompt takes [name, count, tone]")
			.contains("argument 'tone' must be a string")
			.contains("missing required argument 'name'")
			.doesNotContain("java", "Integer", "ObjectNode");
		assertThat(this.received).isNull();
	}

	@Test
	void argumentsMustBeAnObject() {
		publish(prompt("greet"));
		assertThat(refusal("{\"name\":\"greet\",\"arguments\":[\"a\"]}").getError().message())
			.isEqualTo("\"arguments\" must be an object of strings");
	}

	@Test
	void promptWithoutArgumentsSaysSoToAnArgument() {
		publish(prompt("plain"));
		assertThat(refusal("{\"name\":\"plain\",\"arguments\":{\"x\":\"1\"}}").getError().message())
			.contains("unknown argument 'x'; this prompt takes no arguments");
	}

	@Test
	void clientValuesAreBounded() {
		publish(prompt("greet", new PromptArgument("name", null, false)));
		String longName = "n".repeat(McpLimits.MAX_TOKEN_LENGTH + 1);
		assertThat(refusal("{\"name\":\"" + longName + "\"}").getError().message())
			.isEqualTo("Invalid name: at most 256 characters, got 257");
		assertThat(refusal("{\"name\":\"greet\",\"arguments\":{\"" + longName + "\":\"x\"}}").getError().message())
			.isEqualTo("Invalid argument name: at most 256 characters, got 257");
		String longValue = "v".repeat(McpLimits.MAX_PROMPT_ARGUMENT_LENGTH + 1);
		assertThat(refusal("{\"name\":\"greet\",\"arguments\":{\"name\":\"" + longValue + "\"}}").getError().message())
			.isEqualTo("Invalid argument 'name': at most 65536 characters, got 65537");
		this.feature.getPrompt(params("{\"name\":\"greet\",\"arguments\":{\"name\":\""
				+ "v".repeat(McpLimits.MAX_PROMPT_ARGUMENT_LENGTH) + "\"}}"), context());
		assertThat(this.received.get("name")).hasSize(McpLimits.MAX_PROMPT_ARGUMENT_LENGTH);
	}

	@Test
	void aChangeOfTheListTellsTheListenersAndARepublishOfTheSameDoesNot() {
		publish(prompt("a"));
		assertThat(this.support.notified).containsExactly("notifications/prompts/list_changed:promptsListChanged");
		publish(prompt("a"));
		assertThat(this.support.notified).hasSize(1);
		publish(prompt("a"), prompt("b"));
		assertThat(this.support.notified).hasSize(2);
	}

	@Test
	void serverDeclaresThePromptsCapabilityAndAnswersPromptsInTheLegacyEra() {
		publish(prompt("greet", new PromptArgument("name", null, true)));
		McpServer server = new McpServer(new Implementation("test", null, "1"), null, new ToolRegistry(),
				new InMemoryMcpSessionStore(Duration.ofMinutes(1), 10), 10, AccessPolicy.ALLOW_ALL,
				ToolCallObserver.NONE, false, 1000, List.of(PromptsFeature.factory(this.registry)));
		assertThat(server.capabilities()).containsEntry("prompts", Map.of("listChanged", true));
		assertThat(server.listenFlags()).contains("promptsListChanged", "toolsListChanged");
		JsonRpcMessage.Response listed = server.handle(new JsonRpcMessage.Request(1L, "prompts/list", null), context());
		assertThat(((ListPromptsResult) listed.result()).prompts()).extracting(Prompt::name).containsExactly("greet");
		JsonRpcMessage.Response missing = server
			.handle(new JsonRpcMessage.Request(2L, "prompts/get", params("{\"name\":\"greet\"}")), context());
		assertThat(missing.error().code()).isEqualTo(-32602);
		assertThat(missing.error().message()).contains("missing required argument 'name'");
	}

	private McpProtocolException refusal(String params) {
		try {
			this.feature.getPrompt(params(params), context());
		}
		catch (McpProtocolException ex) {
			return ex;
		}
		throw new AssertionError("prompts/get " + params + " was not refused");
	}

	private void publish(RegisteredPrompt... prompts) {
		this.registry.publish(List.of(prompts));
	}

	private RegisteredPrompt prompt(String name, PromptArgument... arguments) {
		return new RegisteredPrompt(new Prompt(name, null, "The " + name + " prompt", List.of(arguments)),
				(values, context) -> {
					this.received = values;
					return new GetPromptResult(null,
							List.of(PromptMessage.user(new Content.Text(name + " " + values))));
				});
	}

	private JsonNode params(String params) {
		return this.json.readTree(params);
	}

	private static McpRequestContext context() {
		return new McpRequestContext(null, ProtocolVersions.LATEST, TransportContext.EMPTY);
	}

}
