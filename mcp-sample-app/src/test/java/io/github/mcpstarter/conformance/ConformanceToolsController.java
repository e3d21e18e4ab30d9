package io.github.mcpstarter.conformance;

import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import io.github.mcpstarter.ClientInput;
import io.github.mcpstarter.Elicitation;
import io.github.mcpstarter.InputForm;
import io.github.mcpstarter.McpTool;
import io.github.mcpstarter.ToolLog;
import io.github.mcpstarter.ToolProgress;

/**
 * The tools the conformance suite's server scenarios call, each an ordinary REST endpoint: what a
 * tool returns is what the endpoint writes, read the way the starter reads any response (see
 * {@code README.md}, "What a tool returns"). The texts and payloads are those of the suite's
 * reference server, {@code examples/servers/typescript/everything-server.ts}.
 *
 * <p>Every call is counted in {@link ToolCalls}, so that the test can prove the suite really
 * called each tool: a scenario that cannot find its tool may still pass.
 */
@RestController
@RequestMapping("/conformance")
class ConformanceToolsController {

	/** A 1x1 red PNG. */
	static final byte[] PNG = Base64.getDecoder()
		.decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==");

	/** A minimal WAV file. */
	static final byte[] WAV = Base64.getDecoder().decode("UklGRiYAAABXQVZFZm10IBAAAAABAAEAQB8AAAB9AAACABAAZGF0YQIAAAA=");

	private static final MediaType AUDIO_WAV = MediaType.parseMediaType("audio/wav");

	private final ToolCalls calls;

	private final DynamicTools dynamicTools;

	private final DynamicPrompts dynamicPrompts;

	ConformanceToolsController(ToolCalls calls, DynamicTools dynamicTools, DynamicPrompts dynamicPrompts) {
		this.calls = calls;
		this.dynamicTools = dynamicTools;
		this.dynamicPrompts = dynamicPrompts;
	}

	@McpTool(name = "test_simple_text", description = "Tests simple text content response")
	@GetMapping(path = "/simple-text", produces = MediaType.TEXT_PLAIN_VALUE)
	String simpleText() {
		this.calls.record("test_simple_text");
		return "This is a simple text response for testing.";
	}

	@McpTool(name = "test_image_content", description = "Tests image content response")
	@GetMapping(path = "/image", produces = MediaType.IMAGE_PNG_VALUE)
	byte[] image() {
		this.calls.record("test_image_content");
		return PNG;
	}

	@McpTool(name = "test_audio_content", description = "Tests audio content response")
	@GetMapping(path = "/audio", produces = "audio/wav")
	ResponseEntity<byte[]> audio() {
		this.calls.record("test_audio_content");
		return ResponseEntity.ok().contentType(AUDIO_WAV).body(WAV);
	}

	/** {@code Content-Location} names the resource the body is; the tool result embeds it. */
	@McpTool(name = "test_embedded_resource", description = "Tests embedded resource content response")
	@GetMapping(path = "/embedded-resource", produces = MediaType.TEXT_PLAIN_VALUE)
	ResponseEntity<String> embeddedResource() {
		this.calls.record("test_embedded_resource");
		return ResponseEntity.ok()
			.header(HttpHeaders.CONTENT_LOCATION, "test://embedded-resource")
			.contentType(MediaType.TEXT_PLAIN)
			.body("This is an embedded resource content.");
	}

	/** A {@code multipart/mixed} response: one content block per part. */
	@McpTool(name = "test_multiple_content_types",
			description = "Tests response with multiple content types (text, image, resource)")
	@GetMapping(path = "/multiple-content-types", produces = MediaType.MULTIPART_MIXED_VALUE)
	MultiValueMap<String, HttpEntity<?>> multipleContentTypes() {
		this.calls.record("test_multiple_content_types");
		MultipartBodyBuilder parts = new MultipartBodyBuilder();
		parts.part("text", "Multiple content types test:", MediaType.TEXT_PLAIN);
		parts.part("image", PNG, MediaType.IMAGE_PNG);
		parts.part("resource", Map.of("test", "data", "value", 123), MediaType.APPLICATION_JSON)
			.header(HttpHeaders.CONTENT_LOCATION, "test://mixed-content-resource");
		return parts.build();
	}

	@McpTool(name = "test_tool_with_logging", description = "Tests tool that emits log messages during execution")
	@PostMapping(path = "/logging", produces = MediaType.TEXT_PLAIN_VALUE)
	String logging(ToolLog log) throws InterruptedException {
		this.calls.record("test_tool_with_logging");
		log.info("Tool execution started");
		Thread.sleep(50);
		log.info("Tool processing data");
		Thread.sleep(50);
		log.info("Tool execution completed");
		return "Tool with logging executed successfully";
	}

	@McpTool(name = "test_tool_with_progress", description = "Tests tool that reports progress notifications")
	@PostMapping(path = "/progress", produces = MediaType.TEXT_PLAIN_VALUE)
	String progress(ToolProgress progress) throws InterruptedException {
		this.calls.record("test_tool_with_progress");
		progress.report(0, 100, "Completed step 0 of 100");
		Thread.sleep(50);
		progress.report(50, 100, "Completed step 50 of 100");
		Thread.sleep(50);
		progress.report(100, 100, "Completed step 100 of 100");
		return "Tool with progress executed successfully";
	}

	/**
	 * Needs what the suite's 2026-07-28 probe does not declare: a client without {@code sampling}
	 * is refused with {@code -32021} before the endpoint runs.
	 */
	@McpTool(name = "test_missing_capability", description = "Tests a tool that needs the sampling capability",
			clientCapabilities = "sampling")
	@PostMapping(path = "/missing-capability", produces = MediaType.TEXT_PLAIN_VALUE)
	String missingCapability() {
		this.calls.record("test_missing_capability");
		return "The client declared sampling";
	}

	/** Called with the elicitation capability declared; answers plainly, with no request to the client. */
	@McpTool(name = "test_streaming_elicitation", description = "Tests a tool called by a client that can elicit")
	@PostMapping(path = "/streaming-elicitation", produces = MediaType.TEXT_PLAIN_VALUE)
	String streamingElicitation() {
		this.calls.record("test_streaming_elicitation");
		return "No input was needed";
	}

	/** Logs; a 2026-07-28 request that names no logLevel gets none of it. */
	@McpTool(name = "test_logging_tool", description = "Tests that log messages follow the request's logLevel")
	@PostMapping(path = "/logging-tool", produces = MediaType.TEXT_PLAIN_VALUE)
	String loggingTool(ToolLog log) {
		this.calls.record("test_logging_tool");
		log.info("Tool execution started");
		log.info("Tool execution completed");
		return "Tool with logging executed successfully";
	}

	/** Changes the published tools, so that listeners are told: an extra tool comes or goes. */
	@McpTool(name = "test_trigger_tool_change", description = "Adds or removes a tool, so that the tool list changes")
	@PostMapping(path = "/trigger-tool-change", produces = MediaType.TEXT_PLAIN_VALUE)
	String triggerToolChange() {
		this.calls.record("test_trigger_tool_change");
		return this.dynamicTools.toggle() ? "Tool test_dynamic_tool added" : "Tool test_dynamic_tool removed";
	}

	/** Changes the published prompts, so that listeners are told: an extra prompt comes or goes. */
	@McpTool(name = "test_trigger_prompt_change",
			description = "Adds or removes a prompt, so that the prompt list changes")
	@PostMapping(path = "/trigger-prompt-change", produces = MediaType.TEXT_PLAIN_VALUE)
	String triggerPromptChange() {
		this.calls.record("test_trigger_prompt_change");
		return this.dynamicPrompts.toggle() ? "Prompt test_dynamic_prompt added" : "Prompt test_dynamic_prompt removed";
	}

	/** A header argument, repeated by 2026-07-28 clients as {@code Mcp-Param-X-Region} ({@code x-mcp-header}). */
	@McpTool(name = "test_custom_header", description = "Tests a tool argument that travels in a header too",
			headers = "X-Region")
	@GetMapping(path = "/custom-header", produces = MediaType.TEXT_PLAIN_VALUE)
	String customHeader(@RequestHeader("X-Region") String region) {
		this.calls.record("test_custom_header");
		return "Region: " + region;
	}

	/** Asks the client's model; a client that cannot sample gets an error result, as the scenario asks. */
	@McpTool(name = "test_sampling", description = "Tests server-initiated sampling (LLM completion request)")
	@PostMapping(path = "/sampling", produces = MediaType.TEXT_PLAIN_VALUE)
	String sampling(@RequestParam String prompt, ClientInput input) {
		this.calls.record("test_sampling");
		ClientInput.Sampled sampled = input.sample(null, prompt, 100)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.CONFLICT, "The client cannot sample"));
		return "LLM response: " + sampled.text();
	}

	/** Asks the user for a username and an email; the result says what they did and entered. */
	@McpTool(name = "test_elicitation", description = "Tests server-initiated elicitation (user input request)")
	@PostMapping(path = "/elicitation", produces = MediaType.TEXT_PLAIN_VALUE)
	String elicitation(@RequestParam String message, ClientInput input) {
		this.calls.record("test_elicitation");
		Elicitation answer = input.ask(message,
				InputForm.of(InputForm.text("username").description("User's response").required(),
						InputForm.text("email").description("User's email address").required()));
		if (answer.action() == Elicitation.Action.UNAVAILABLE) {
			throw new ResponseStatusException(HttpStatus.CONFLICT, "The client cannot ask its user");
		}
		return "User response: " + describe(answer);
	}

	/** SEP-1034: a default for each primitive type. */
	@McpTool(name = "test_elicitation_sep1034_defaults",
			description = "Tests elicitation with default values for every primitive type (SEP-1034)")
	@PostMapping(path = "/elicitation-defaults", produces = MediaType.TEXT_PLAIN_VALUE)
	String elicitationDefaults(ClientInput input) {
		this.calls.record("test_elicitation_sep1034_defaults");
		Elicitation answer = input.ask("Please review and update the form fields with defaults",
				InputForm.of(InputForm.text("name").description("User name").defaultValue("John Doe"),
						InputForm.integer("age").description("User age").defaultValue(30),
						InputForm.number("score").description("User score").defaultValue(95.5),
						InputForm.choice("status", "active", "inactive", "pending")
							.description("User status")
							.defaultValue("active"),
						InputForm.bool("verified").description("Verification status").defaultValue(true)));
		return "Elicitation completed: " + describe(answer);
	}

	/**
	 * SEP-1330: the five kinds of choice. The legacy titled one ({@code enumNames}, deprecated) is
	 * no field of {@link InputForm}: it is added to the generated schema, which {@code ofSchema} takes.
	 */
	@McpTool(name = "test_elicitation_sep1330_enums",
			description = "Tests elicitation with every enum schema variant (SEP-1330)")
	@PostMapping(path = "/elicitation-enums", produces = MediaType.TEXT_PLAIN_VALUE)
	String elicitationEnums(ClientInput input) {
		this.calls.record("test_elicitation_sep1330_enums");
		ObjectNode schema = InputForm
			.of(InputForm.choice("untitledSingle", "option1", "option2", "option3"),
					InputForm.choice("titledSingle", InputForm.option("value1", "First Option"),
							InputForm.option("value2", "Second Option"), InputForm.option("value3", "Third Option")),
					InputForm.multiChoice("untitledMulti", "option1", "option2", "option3"),
					InputForm.multiChoice("titledMulti", InputForm.option("value1", "First Choice"),
							InputForm.option("value2", "Second Choice"), InputForm.option("value3", "Third Choice")))
			.schema();
		ObjectNode legacy = JsonNodeFactory.instance.objectNode().put("type", "string");
		legacy.putArray("enum").add("opt1").add("opt2").add("opt3");
		legacy.putArray("enumNames").add("Option One").add("Option Two").add("Option Three");
		((ObjectNode) schema.get("properties")).set("legacyEnum", legacy);
		Elicitation answer = input.ask("Please select options from the enum fields", InputForm.ofSchema(schema));
		return "Elicitation completed: " + describe(answer);
	}

	// The 2026-07-28 tools below end their first call with an input-required result (the core does
	// that when ClientInput has no answer yet) and run again from the start on each retry.

	@McpTool(name = "test_input_required_result_elicitation",
			description = "Tests an input-required result asking for the user's name")
	@PostMapping(path = "/input-required/elicitation", produces = MediaType.TEXT_PLAIN_VALUE)
	String inputRequiredElicitation(ClientInput input) {
		this.calls.record("test_input_required_result_elicitation");
		Elicitation answer = input.ask("user_name", "What is your name?", nameForm());
		return answer.isAccepted() ? "Hello, " + answer.getString("name") + "!"
				: "No name was given (" + action(answer) + ")";
	}

	@McpTool(name = "test_input_required_result_sampling",
			description = "Tests an input-required result asking the client's model")
	@PostMapping(path = "/input-required/sampling", produces = MediaType.TEXT_PLAIN_VALUE)
	String inputRequiredSampling(ClientInput input) {
		this.calls.record("test_input_required_result_sampling");
		return input.sample("capital_question", "What is the capital of France?", 100)
			.map((sampled) -> "LLM response: " + sampled.text())
			.orElse("The client cannot sample");
	}

	@McpTool(name = "test_input_required_result_list_roots",
			description = "Tests an input-required result asking for the client's roots")
	@PostMapping(path = "/input-required/list-roots", produces = MediaType.TEXT_PLAIN_VALUE)
	String inputRequiredListRoots(ClientInput input) {
		this.calls.record("test_input_required_result_list_roots");
		return input.roots("client_roots").map((roots) -> "Client roots: " + describe(roots))
			.orElse("The client cannot list its roots");
	}

	/**
	 * The endpoint never sees the requestState: the server verifies it (signature, caller, this
	 * very call, expiry, single use) before the endpoint runs again, and refuses a bad one with
	 * -32602. So an answer that reaches this line on a retry carrying a state came with a valid
	 * one; the text says no more than that.
	 */
	@McpTool(name = "test_input_required_result_request_state",
			description = "Tests that a requestState survives the round trip")
	@PostMapping(path = "/input-required/request-state", produces = MediaType.TEXT_PLAIN_VALUE)
	String inputRequiredRequestState(ClientInput input) {
		this.calls.record("test_input_required_result_request_state");
		Elicitation answer = input.ask("confirm", "Please confirm",
				InputForm.of(InputForm.bool("ok").required()));
		return "state-ok: the confirmation arrived (" + describe(answer)
				+ "); any requestState of the retry was verified by the server before this endpoint ran again";
	}

	/** Three requests of three kinds, asked together: the client answers them in one round. */
	@McpTool(name = "test_input_required_result_multiple_inputs",
			description = "Tests an input-required result with an elicitation, a sampling and a roots request")
	@PostMapping(path = "/input-required/multiple-inputs", produces = MediaType.TEXT_PLAIN_VALUE)
	String inputRequiredMultipleInputs(ClientInput input) {
		this.calls.record("test_input_required_result_multiple_inputs");
		ClientInput.Batch batch = input.batch();
		Supplier<Elicitation> name = batch.ask("user_name", "What is your name?", nameForm());
		Supplier<Optional<ClientInput.Sampled>> greeting = batch.sample("greeting", "Generate a greeting", 50);
		Supplier<Optional<List<ClientInput.Root>>> roots = batch.roots("client_roots");
		batch.await();
		return "Name: " + (name.get().isAccepted() ? name.get().getString("name") : action(name.get()))
				+ "; greeting: " + greeting.get().map(ClientInput.Sampled::text).orElse("(none)") + "; roots: "
				+ roots.get().map(ConformanceToolsController::describe).orElse("(none)");
	}

	/** Two questions, the second asked only once the first is answered: two rounds of input. */
	@McpTool(name = "test_input_required_result_multi_round",
			description = "Tests input asked over two rounds")
	@PostMapping(path = "/input-required/multi-round", produces = MediaType.TEXT_PLAIN_VALUE)
	String inputRequiredMultiRound(ClientInput input) {
		this.calls.record("test_input_required_result_multi_round");
		Elicitation name = input.ask("step1", "Step 1: What is your name?", nameForm());
		Elicitation color = input.ask("step2", "Step 2: What is your favorite color?",
				InputForm.of(InputForm.text("color").required()));
		return "Hello, " + name.getString("name") + "! Your favorite color is " + color.getString("color") + ".";
	}

	/** The server signs every requestState; a changed one is refused before this endpoint runs again. */
	@McpTool(name = "test_input_required_result_tampered_state",
			description = "Tests that a tampered requestState is rejected")
	@PostMapping(path = "/input-required/tampered-state", produces = MediaType.TEXT_PLAIN_VALUE)
	String inputRequiredTamperedState(ClientInput input) {
		this.calls.record("test_input_required_result_tampered_state");
		Elicitation answer = input.ask("confirm", "Please confirm", InputForm.of(InputForm.bool("ok").required()));
		return "Confirmed: " + describe(answer);
	}

	/**
	 * Asks what the client declared only: the core leaves out a request the client cannot answer
	 * (its answer is UNAVAILABLE or empty), so a client with sampling alone is asked to sample alone.
	 */
	@McpTool(name = "test_input_required_result_capabilities",
			description = "Tests that only what the client declared is asked")
	@PostMapping(path = "/input-required/capabilities", produces = MediaType.TEXT_PLAIN_VALUE)
	String inputRequiredCapabilities(ClientInput input) {
		this.calls.record("test_input_required_result_capabilities");
		ClientInput.Batch batch = input.batch();
		Supplier<Elicitation> name = batch.ask("user_name", "What is your name?", nameForm());
		Supplier<Optional<ClientInput.Sampled>> greeting = batch.sample("greeting", "Generate a greeting", 50);
		batch.await();
		return "Name: " + (name.get().isAccepted() ? name.get().getString("name") : action(name.get()))
				+ "; greeting: " + greeting.get().map(ClientInput.Sampled::text).orElse("(none)");
	}

	private static InputForm nameForm() {
		return InputForm.of(InputForm.text("name").required());
	}

	private static String action(Elicitation answer) {
		return answer.action().name().toLowerCase(Locale.ROOT);
	}

	private static String describe(Elicitation answer) {
		return "action=" + action(answer) + ", content=" + answer.content();
	}

	private static String describe(List<ClientInput.Root> roots) {
		return roots.isEmpty() ? "(none)" : roots.stream()
			.map((root) -> (root.name() != null) ? root.name() + " <" + root.uri() + ">" : root.uri())
			.collect(Collectors.joining(", "));
	}

	/** Fails as a REST endpoint fails: the result has {@code isError} and the reason. */
	@McpTool(name = "test_error_handling", description = "Tests error response handling")
	@PostMapping("/error")
	void errorHandling() {
		this.calls.record("test_error_handling");
		throw new ResponseStatusException(HttpStatus.INTERNAL_SERVER_ERROR,
				"This tool intentionally returns an error for testing");
	}

}
