package io.github.mcpstarter.protocol;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The modern era's way of asking (multi round-trip requests): an answer is found in the retry's
 * {@code inputResponses}, or in the signed {@code requestState} of an earlier round; a request still
 * unanswered ends the call with an {@link InputRequiredResult} that asks every such request at once,
 * with a new state carrying the answers so far.
 *
 * <p>One instance serves one request. Its {@code inputResponses} and {@code requestState} were
 * checked before the call ran ({@link #read}).
 */
final class RoundTripInputs implements ClientRequests, InputSource {

	/** The methods that may end with an input-required result; no other ever does. */
	static final Set<String> METHODS = Set.of(McpMethods.TOOLS_CALL, McpMethods.PROMPTS_GET, McpMethods.RESOURCES_READ);

	private final RequestMeta meta;

	private final Map<String, JsonNode> responses;

	private final RequestStates.State state;

	private final boolean stateVerified;

	private final RequestStates states;

	/** The request's binding: computed when a state is checked or issued, never for a call that asks nothing. */
	private final java.util.function.Supplier<RequestStates.Binding> binding;

	/** The answers this run of the call has used, to carry over to the next round. */
	private final Map<String, JsonNode> used = new LinkedHashMap<>();

	private @Nullable RuntimeException interruption;

	private RoundTripInputs(RequestMeta meta, Map<String, JsonNode> responses, RequestStates.State state,
			boolean stateVerified, RequestStates states, java.util.function.Supplier<RequestStates.Binding> binding) {
		this.meta = meta;
		this.responses = responses;
		this.state = state;
		this.stateVerified = stateVerified;
		this.states = states;
		this.binding = binding;
	}

	/**
	 * Reads and checks what a request carries for its input: {@code inputResponses} must map keys to
	 * objects, and a {@code requestState} must be one this server issued to this caller for this
	 * very request, unexpired and unused.
	 * @throws McpProtocolException {@code -32602} otherwise
	 */
	static RoundTripInputs read(JsonRpcMessage.Request request, RequestMeta meta,
			java.util.function.Supplier<@Nullable SessionOwner> caller, RequestStates states) {
		JsonNode params = request.params();
		JsonNode name = (params != null) ? params.get(McpMethods.RESOURCES_READ.equals(request.method()) ? "uri" : "name")
				: null;
		RequestStates.Binding[] bound = new RequestStates.Binding[1];
		java.util.function.Supplier<RequestStates.Binding> binding = () -> {
			if (bound[0] == null) {
				bound[0] = RequestStates.bind(caller.get(), request.method(), (name != null && name.isString()) ? name.asString()
						: null, (params != null) ? params.get("arguments") : null);
			}
			return bound[0];
		};
		Map<String, JsonNode> responses = new LinkedHashMap<>();
		JsonNode given = (params != null) ? params.get("inputResponses") : null;
		if (given != null) {
			if (!given.isObject()) {
				throw McpProtocolException.invalidParams("Invalid params: inputResponses must be an object that maps"
						+ " the key of each input request to the client's result for it");
			}
			for (var entry : given.properties()) {
				if (!entry.getValue().isObject()) {
					throw McpProtocolException.invalidParams("Invalid params: inputResponses." + entry.getKey()
							+ " must be an object (the client's result for that input request)");
				}
				responses.put(entry.getKey(), entry.getValue());
			}
		}
		JsonNode token = (params != null) ? params.get("requestState") : null;
		boolean hasState = token != null && !token.isNull();
		RequestStates.State state = hasState ? states.verify(token, binding.get()) : RequestStates.State.NONE;
		return new RoundTripInputs(meta, responses, state, hasState, states, binding);
	}

	@Override
	public ClientRequests forCall(@Nullable ToolCallContext call) {
		return this;
	}

	@Override
	public boolean supports(InputRequest request) {
		return ClientAnswers.declares(this.meta.clientCapabilities(), request);
	}

	@Override
	public Map<String, JsonNode> ask(List<InputRequest> requests) {
		Map<String, JsonNode> answers = new LinkedHashMap<>();
		Map<String, InputRequiredResult.Request> missing = new LinkedHashMap<>();
		for (InputRequest request : requests) {
			if (!supports(request)) {
				// The specification forbids asking what the client did not declare: no answer.
				continue;
			}
			JsonNode answer = answer(request);
			if (answer != null) {
				answers.put(request.key(), answer);
				this.used.put(request.key(), answer);
			}
			else {
				missing.put(request.key(), new InputRequiredResult.Request(request.method(), request.params()));
			}
		}
		if (!missing.isEmpty()) {
			InputRequiredResult result = new InputRequiredResult(missing,
					this.states.issue(this.binding.get(), this.used, missing.keySet()));
			InputRequiredException ex = new InputRequiredException(result);
			this.interruption = ex;
			throw ex;
		}
		return answers;
	}

	/**
	 * The answer to a request, checked: one the state carries, else the retry's own, unless the
	 * request counts only answers to what this server asked (a confirmation) and no state asked it.
	 */
	private @Nullable JsonNode answer(InputRequest request) {
		JsonNode carried = this.state.answers().get(request.key());
		if (carried != null) {
			return carried;
		}
		JsonNode given = this.responses.get(request.key());
		if (given == null || (request.stateBound() && !(this.stateVerified && this.state.asked().contains(request.key())))) {
			return null;
		}
		String problem = ClientAnswers.problem(request, given);
		if (problem != null) {
			McpProtocolException ex = McpProtocolException.invalidParams(
					"Invalid params: inputResponses." + request.key() + " " + problem);
			this.interruption = ex;
			throw ex;
		}
		return given;
	}

	@Override
	public @Nullable RuntimeException interruption() {
		return this.interruption;
	}

}
