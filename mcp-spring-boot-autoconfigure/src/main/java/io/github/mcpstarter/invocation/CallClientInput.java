package io.github.mcpstarter.invocation;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import io.github.mcpstarter.ClientInput;
import io.github.mcpstarter.Elicitation;
import io.github.mcpstarter.InputForm;
import io.github.mcpstarter.protocol.ClientRequests;
import io.github.mcpstarter.protocol.InputRequest;
import io.github.mcpstarter.protocol.McpMethods;
import io.github.mcpstarter.protocol.McpRequestContext;

/**
 * The {@link ClientInput} of one call: its requests go to the client as the call's era asks
 * ({@link ClientRequests}), which are made only when the endpoint asks something.
 */
final class CallClientInput implements ClientInput {

	private final Supplier<ClientRequests> requests;

	/** Numbers the requests asked without a key, in the order asked: the same on every run. */
	private int asked;

	/**
	 * @param requests how the call asks the client (the call's own, made once when first asked for)
	 */
	CallClientInput(Supplier<ClientRequests> requests) {
		this.requests = requests;
	}

	/**
	 * Runs the endpoint of a call other than a tool call (a prompt, a resource read) with its
	 * {@link ClientInput}, and ends the call for what it asked the client, if anything, whatever
	 * the endpoint made of that.
	 * @param context the request, bound to its call ({@link McpRequestContext#boundTo})
	 * @throws RuntimeException the call's interruption: an input-required result to answer with, or
	 * a malformed answer of the client
	 */
	static EndpointInvoker.Outcome invoke(EndpointInvoker invoker, ObjectNode arguments, HttpServletRequest mcpRequest,
			HttpServletResponse mcpResponse, McpRequestContext context) {
		EndpointInvoker.Outcome outcome = invoker.invoke(arguments, mcpRequest, mcpResponse, Map.of(
				ToolCallArgumentResolver.INPUT_ATTRIBUTE, new CallClientInput(() -> context.input().forCall(null))));
		RuntimeException interruption = context.input().forCall(null).interruption();
		if (interruption != null) {
			throw interruption;
		}
		return outcome;
	}

	@Override
	public boolean canAsk() {
		return this.requests.get().supports(elicitation("probe", "", JsonNodeFactory.instance.objectNode()));
	}

	@Override
	public boolean canSample() {
		return this.requests.get().supports(new InputRequest("probe", McpMethods.SAMPLING_CREATE_MESSAGE,
				JsonNodeFactory.instance.objectNode(), false));
	}

	@Override
	public boolean canListRoots() {
		return this.requests.get().supports(new InputRequest("probe", McpMethods.ROOTS_LIST,
				JsonNodeFactory.instance.objectNode(), false));
	}

	@Override
	public Batch batch() {
		return new CallBatch();
	}

	private synchronized String keyOf(@Nullable String key) {
		if (key != null) {
			if (key.isBlank() || key.length() > 64) {
				throw new IllegalArgumentException("An input request's key has 1 to 64 characters");
			}
			return key;
		}
		return "input_" + (++this.asked);
	}

	private static InputRequest elicitation(String key, String message, ObjectNode schema) {
		ObjectNode params = JsonNodeFactory.instance.objectNode();
		params.put("mode", "form");
		params.put("message", message);
		params.set("requestedSchema", schema);
		return new InputRequest(key, McpMethods.ELICITATION_CREATE, params, false);
	}

	private final class CallBatch implements Batch {

		private final List<InputRequest> added = new ArrayList<>();

		private final Map<String, JsonNode> answers = new HashMap<>();

		private boolean awaited;

		@Override
		public Supplier<Elicitation> ask(@Nullable String key, String message, InputForm form) {
			InputRequest request = add(elicitation(keyOf(key), message, form.schema()));
			return () -> Elicitation.of(answer(request));
		}

		@Override
		public Supplier<Elicitation> askAtUrl(@Nullable String key, String message, URI url) {
			ObjectNode params = JsonNodeFactory.instance.objectNode();
			params.put("mode", "url");
			params.put("message", message);
			params.put("url", url.toString());
			params.put("elicitationId", UUID.randomUUID().toString());
			InputRequest request = add(new InputRequest(keyOf(key), McpMethods.ELICITATION_CREATE, params, false));
			return () -> Elicitation.of(answer(request));
		}

		@Override
		public Supplier<Optional<Sampled>> sample(@Nullable String key, String prompt, int maxTokens) {
			ObjectNode params = JsonNodeFactory.instance.objectNode();
			ObjectNode message = params.putArray("messages").addObject();
			message.put("role", "user");
			message.putObject("content").put("type", "text").put("text", prompt);
			params.put("maxTokens", maxTokens);
			InputRequest request = add(new InputRequest(keyOf(key), McpMethods.SAMPLING_CREATE_MESSAGE, params, false));
			return () -> Optional.ofNullable(answer(request)).map(CallClientInput::sampled);
		}

		@Override
		public Supplier<Optional<List<Root>>> roots(@Nullable String key) {
			InputRequest request = add(new InputRequest(keyOf(key), McpMethods.ROOTS_LIST,
					JsonNodeFactory.instance.objectNode(), false));
			return () -> Optional.ofNullable(answer(request)).map(CallClientInput::roots);
		}

		@Override
		public void await() {
			if (this.awaited) {
				throw new IllegalStateException("This batch was awaited already; start another");
			}
			this.awaited = true;
			this.answers.putAll(CallClientInput.this.requests.get().ask(List.copyOf(this.added)));
		}

		private InputRequest add(InputRequest request) {
			if (this.awaited) {
				throw new IllegalStateException("This batch was awaited already; start another");
			}
			for (InputRequest other : this.added) {
				if (other.key().equals(request.key())) {
					throw new IllegalArgumentException("Two input requests of the call have the key '" + request.key() + "'");
				}
			}
			this.added.add(request);
			return request;
		}

		private @Nullable JsonNode answer(InputRequest request) {
			if (!this.awaited) {
				throw new IllegalStateException("Await the batch before reading its answers");
			}
			return this.answers.get(request.key());
		}

	}

	private static Sampled sampled(JsonNode result) {
		JsonNode content = result.path("content");
		String text = "";
		for (JsonNode block : content.isArray() ? content : List.of(content)) {
			if ("text".equals(block.path("type").asString("")) && block.path("text").isString()) {
				text = block.path("text").asString();
				break;
			}
		}
		return new Sampled(text, result.path("model").isString() ? result.path("model").asString() : null);
	}

	private static List<Root> roots(JsonNode result) {
		List<Root> roots = new ArrayList<>();
		result.path("roots").forEach((root) -> roots.add(new Root(root.path("uri").asString(),
				root.path("name").isString() ? root.path("name").asString() : null)));
		return List.copyOf(roots);
	}

}
