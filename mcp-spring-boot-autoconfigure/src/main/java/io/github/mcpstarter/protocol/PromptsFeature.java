package io.github.mcpstarter.protocol;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The prompts feature: {@code prompts/list} and {@code prompts/get}, with the published prompts'
 * list changes told to whoever listens ({@code notifications/prompts/list_changed}).
 *
 * <p>A prompt is authorized as a tool is: the caller sees only the prompts it may get; one it may
 * not is answered as unknown, and one its token lacks a scope for gets the insufficient-scope
 * error that lets the client step up. Arguments are checked against the prompt's before anything
 * runs: only its own, strings, the required ones present, each bounded.
 *
 * @see <a href="https://modelcontextprotocol.io/specification/2025-11-25/server/prompts">Prompts</a>
 * @since 0.2.0
 */
public final class PromptsFeature implements McpFeature {

	/** What a modern {@code subscriptions/listen} asks for to hear of prompt list changes. */
	public static final String LISTEN_FLAG = "promptsListChanged";

	private static final Map<String, Object> CAPABILITY = Map.of("listChanged", true);

	private final PromptRegistry prompts;

	private final McpFeature.Support support;

	PromptsFeature(PromptRegistry prompts, McpFeature.Support support) {
		this.prompts = prompts;
		this.support = support;
		prompts.addListener(() -> support.notifyListeners(McpMethods.NOTIFICATION_PROMPTS_LIST_CHANGED, LISTEN_FLAG));
	}

	/**
	 * The feature over a registry, for a {@link McpFeature.Factory} bean.
	 * @param prompts the published prompts
	 */
	public static McpFeature.Factory factory(PromptRegistry prompts) {
		return (support) -> new PromptsFeature(prompts, support);
	}

	@Override
	public String capability() {
		return "prompts";
	}

	@Override
	public Map<String, Object> capabilityValue() {
		return CAPABILITY;
	}

	@Override
	public Set<String> methods() {
		return Set.of(McpMethods.PROMPTS_LIST, McpMethods.PROMPTS_GET);
	}

	@Override
	public Set<String> listenFlags() {
		return Set.of(LISTEN_FLAG);
	}

	/** A prompt list may be kept a while; a prompt's messages are made afresh for each get. */
	@Override
	public boolean isCacheable(String method) {
		return McpMethods.PROMPTS_LIST.equals(method);
	}

	@Override
	public Object serve(JsonRpcMessage.Request request, McpRequestContext context) {
		return McpMethods.PROMPTS_LIST.equals(request.method()) ? listPrompts(request.params(), context)
				: getPrompt(request.params(), context);
	}

	ListPromptsResult listPrompts(@Nullable JsonNode params, McpRequestContext context) {
		ListPages.Page<Prompt> page = ListPages.visible(this.prompts, RegisteredPrompt::prompt, params, context,
				this.support);
		return new ListPromptsResult(page.items(), page.nextCursor());
	}

	/** The prompt, or an input-required result (modern era). */
	@Nullable Object getPrompt(@Nullable JsonNode params, McpRequestContext context) {
		JsonNode name = (params != null) ? params.get("name") : null;
		if (name == null || !name.isString()) {
			throw McpProtocolException.invalidParams("prompts/get needs a string \"name\"");
		}
		McpLimits.requireAtMost("name", name.asString(), McpLimits.MAX_TOKEN_LENGTH);
		// Observed (metrics, traces, the audit log) under its published name only, never a made-up one.
		RegisteredPrompt published = this.prompts.find(name.asString());
		JsonNode sent = params.get("arguments");
		ToolCallContext call = new ToolCallContext(context, McpMethods.PROMPTS_GET, (published != null) ? published.name() : null,
				(sent instanceof ObjectNode object) ? object : JsonNodeFactory.instance.objectNode(), null);
		return this.support.observer().observe(call, () -> {
			RegisteredPrompt prompt = gettablePrompt(name.asString(), context, call);
			Map<String, String> arguments = arguments(prompt.prompt(), sent);
			try {
				GetPromptResult result = prompt.handler().get(arguments, context.boundTo(call));
				InputRequiredResult inputRequired = call.inputRequired();
				return (inputRequired != null) ? inputRequired : result;
			}
			catch (InputRequiredException ex) {
				return ex.result();
			}
		});
	}

	private RegisteredPrompt gettablePrompt(String name, McpRequestContext context, ToolCallContext call) {
		RegisteredPrompt prompt = this.prompts.find(name);
		AccessPolicy.Access access = (prompt != null) ? this.support.accessPolicy().check(prompt, context)
				: AccessPolicy.Access.HIDDEN;
		if (prompt != null && access.verdict() != AccessPolicy.Verdict.ALLOWED) {
			call.markDenied();
		}
		if (prompt == null || access.verdict() == AccessPolicy.Verdict.HIDDEN) {
			// The same answer as for a prompt that does not exist: a hidden prompt's existence is not revealed.
			throw McpProtocolException.invalidParams("Unknown prompt: " + name);
		}
		if (access.verdict() == AccessPolicy.Verdict.INSUFFICIENT_SCOPE) {
			throw new InsufficientScopeException(access.requiredScopes(), "prompt");
		}
		return prompt;
	}

	/**
	 * The arguments as the prompt takes them: a map of strings, only its own, every required one
	 * present. Every problem is named at once, so a client can correct them all.
	 */
	private static Map<String, String> arguments(Prompt prompt, @Nullable JsonNode arguments) {
		if (arguments != null && !arguments.isNull() && !arguments.isObject()) {
			throw McpProtocolException.invalidParams("\"arguments\" must be an object of strings");
		}
		Map<String, String> values = new LinkedHashMap<>();
		List<String> problems = new ArrayList<>();
		if (arguments != null && arguments.isObject()) {
			for (Map.Entry<String, JsonNode> argument : arguments.properties()) {
				String argumentName = argument.getKey();
				McpLimits.requireAtMost("argument name", argumentName, McpLimits.MAX_TOKEN_LENGTH);
				JsonNode value = argument.getValue();
				if (prompt.argument(argumentName) == null) {
					problems.add("unknown argument '" + argumentName + "'" + (prompt.arguments().isEmpty()
							? "; this prompt takes no arguments"
							: "; this prompt takes " + prompt.arguments().stream().map(PromptArgument::name).toList()));
				}
				else if (value.isNull()) {
					// As if absent: a client that sends null for an optional argument means "none".
					continue;
				}
				else if (!value.isString()) {
					problems.add("argument '" + argumentName + "' must be a string");
				}
				else {
					McpLimits.requireAtMost("argument '" + argumentName + "'", value.asString(),
							McpLimits.MAX_PROMPT_ARGUMENT_LENGTH);
					values.put(argumentName, value.asString());
				}
			}
		}
		for (PromptArgument argument : prompt.arguments()) {
			if (argument.required() && !values.containsKey(argument.name())) {
				problems.add("missing required argument '" + argument.name() + "'");
			}
		}
		if (!problems.isEmpty()) {
			throw McpProtocolException.invalidParams("Invalid arguments for prompt '" + prompt.name() + "': "
					+ String.join("; ", problems));
		}
		return values;
	}

}
