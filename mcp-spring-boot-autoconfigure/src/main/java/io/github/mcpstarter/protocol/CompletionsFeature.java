package io.github.mcpstarter.protocol;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The completions feature: {@code completion/complete} suggests values for a prompt's argument
 * ({@code ref/prompt}) or a resource template's variable ({@code ref/resource}), from whatever
 * source the offering's argument has ({@link CompletionSource.Lookup}).
 *
 * <p>The offering is found and authorized as a {@code prompts/get} or {@code resources/read}
 * would: one the caller may not see is answered as one that does not exist; one that needs more
 * scopes gets the insufficient-scope error, so the client can step up.
 *
 * @see <a href="https://modelcontextprotocol.io/specification/2025-11-25/server/utilities/completion">Completion</a>
 * @since 0.2.0
 */
public final class CompletionsFeature implements McpFeature {

	/** The most characters of an argument's name or value, or of a reference, kept from a request. */
	static final int MAX_VALUE_LENGTH = 1024;

	/** The most context arguments taken from a request. */
	static final int MAX_CONTEXT_ARGUMENTS = 64;

	private final List<? extends OfferingRegistry<?>> offerings;

	private final CompletionSource.Lookup sources;

	private final McpFeature.Support support;

	/**
	 * @param offerings the published offerings, of every kind: prompts and resource templates are
	 * looked up among them
	 * @param sources where each argument's suggestions come from
	 * @param support what the server gives its features
	 */
	public CompletionsFeature(List<? extends OfferingRegistry<?>> offerings, CompletionSource.Lookup sources,
			McpFeature.Support support) {
		this.offerings = List.copyOf(offerings);
		this.sources = sources;
		this.support = support;
	}

	@Override
	public String capability() {
		return "completions";
	}

	@Override
	public Map<String, Object> capabilityValue() {
		return Map.of();
	}

	@Override
	public Set<String> methods() {
		return Set.of(McpMethods.COMPLETION_COMPLETE);
	}

	@Override
	public Object serve(JsonRpcMessage.Request request, McpRequestContext context) {
		JsonNode params = request.params();
		if (params == null || !params.path("ref").isObject()) {
			throw McpProtocolException.invalidParams("completion/complete needs a \"ref\" object");
		}
		JsonNode ref = params.get("ref");
		String type = text(ref, "type", "ref.type");
		Offering offering;
		if ("ref/prompt".equals(type)) {
			offering = find(Offering.Kind.PROMPT, text(ref, "name", "ref.name"), "prompt", context);
		}
		else if ("ref/resource".equals(type)) {
			offering = find(Offering.Kind.RESOURCE_TEMPLATE, text(ref, "uri", "ref.uri"), "resource template", context);
		}
		else {
			throw McpProtocolException.invalidParams("Invalid ref.type: use \"ref/prompt\" or \"ref/resource\"");
		}
		JsonNode argument = params.get("argument");
		if (argument == null || !argument.isObject()) {
			throw McpProtocolException.invalidParams("completion/complete needs an \"argument\" object");
		}
		String name = text(argument, "name", "argument.name");
		String value = text(argument, "value", "argument.value");
		CompletionSource source = this.sources.find(offering, name);
		return (source != null) ? source.complete(value, contextArguments(params.path("context").get("arguments")),
				context) : CompleteResult.NONE;
	}

	private Offering find(Offering.Kind kind, String name, String noun, McpRequestContext context) {
		// Every registry is keyed by its offerings' names (a prompt's name, a template's URI template).
		for (OfferingRegistry<?> registry : this.offerings) {
			Offering offering = registry.find(name);
			if (offering != null && offering.kind() == kind) {
				AccessPolicy.Access access = this.support.accessPolicy().check(offering, context);
				if (access.verdict() == AccessPolicy.Verdict.INSUFFICIENT_SCOPE) {
					throw new InsufficientScopeException(access.requiredScopes(), noun);
				}
				if (access.verdict() == AccessPolicy.Verdict.ALLOWED) {
					return offering;
				}
			}
		}
		// Hidden or absent: the same answer, so that a hidden offering's existence is not revealed.
		throw McpProtocolException.invalidParams("Unknown " + noun + ": " + name);
	}

	private static String text(JsonNode node, String field, String what) {
		JsonNode value = node.get(field);
		if (value == null || !value.isString()) {
			throw McpProtocolException.invalidParams("completion/complete needs a string \"" + what + "\"");
		}
		McpLimits.requireAtMost(what, value.asString(), MAX_VALUE_LENGTH);
		return value.asString();
	}

	private static Map<String, String> contextArguments(@Nullable JsonNode arguments) {
		if (arguments == null || arguments.isNull()) {
			return Map.of();
		}
		if (!arguments.isObject()) {
			throw McpProtocolException.invalidParams("\"context.arguments\" must be an object of strings");
		}
		if (arguments.size() > MAX_CONTEXT_ARGUMENTS) {
			throw McpProtocolException.invalidParams("\"context.arguments\" may hold at most " + MAX_CONTEXT_ARGUMENTS
					+ " arguments");
		}
		Map<String, String> values = new LinkedHashMap<>();
		for (Map.Entry<String, JsonNode> entry : arguments.properties()) {
			String what = "context.arguments." + entry.getKey();
			McpLimits.requireAtMost("context.arguments name", entry.getKey(), MAX_VALUE_LENGTH);
			if (!entry.getValue().isString()) {
				throw McpProtocolException.invalidParams("\"" + what + "\" must be a string");
			}
			McpLimits.requireAtMost(what, entry.getValue().asString(), MAX_VALUE_LENGTH);
			values.put(entry.getKey(), entry.getValue().asString());
		}
		return values;
	}

}
