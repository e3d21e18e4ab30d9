package io.github.mcpstarter.conformance;

import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.github.mcpstarter.ClientInput;
import io.github.mcpstarter.Elicitation;
import io.github.mcpstarter.InputForm;
import io.github.mcpstarter.McpPrompt;

/**
 * The prompts the conformance suite's server scenarios get, each an ordinary REST endpoint: a
 * text body is one user message, a JSON list of messages is the messages (see {@code README.md},
 * "Prompts"). Texts and arguments are those of the suite's reference server,
 * {@code examples/servers/typescript/everything-server.ts}.
 */
@RestController
@RequestMapping("/conformance/prompts")
class ConformancePromptsController {

	private final ToolCalls calls;

	ConformancePromptsController(ToolCalls calls) {
		this.calls = calls;
	}

	@McpPrompt(name = "test_simple_prompt", description = "A simple prompt without arguments")
	@GetMapping(path = "/simple", produces = MediaType.TEXT_PLAIN_VALUE)
	String simplePrompt() {
		return "This is a simple prompt for testing.";
	}

	@McpPrompt(name = "test_prompt_with_arguments", description = "A prompt with required arguments")
	@GetMapping(path = "/with-arguments", produces = MediaType.TEXT_PLAIN_VALUE)
	String promptWithArguments(@RequestParam String arg1,
			@RequestParam String arg2) {
		return "Prompt with arguments: arg1='" + arg1 + "', arg2='" + arg2 + "'";
	}

	@McpPrompt(name = "test_prompt_with_embedded_resource", description = "A prompt that includes an embedded resource")
	@GetMapping(path = "/with-embedded-resource", produces = MediaType.APPLICATION_JSON_VALUE)
	List<Message> promptWithEmbeddedResource(
			@RequestParam String resourceUri) {
		return List.of(
				new Message("user", Map.of("type", "resource", "resource", Map.of("uri", resourceUri, "mimeType",
						"text/plain", "text", "Embedded resource content for testing."))),
				new Message("user", Map.of("type", "text", "text", "Please process the embedded resource above.")));
	}

	@McpPrompt(name = "test_prompt_with_image", description = "A prompt that includes image content")
	@GetMapping(path = "/with-image", produces = MediaType.APPLICATION_JSON_VALUE)
	List<Message> promptWithImage() {
		return List.of(
				new Message("user", Map.of("type", "image", "data",
						Base64.getEncoder().encodeToString(ConformanceToolsController.PNG), "mimeType", "image/png")),
				new Message("user", Map.of("type", "text", "text", "Please analyze the image above.")));
	}

	/**
	 * A prompt that asks the user first (2026-07-28: {@code prompts/get} ends with an
	 * input-required result, and the retry carries the answer). Its runs are counted with the tools'.
	 */
	@McpPrompt(name = "test_input_required_result_prompt", description = "A prompt that asks the user for its context")
	@GetMapping(path = "/input-required", produces = MediaType.TEXT_PLAIN_VALUE)
	String inputRequiredPrompt(ClientInput input) {
		this.calls.record("test_input_required_result_prompt");
		Elicitation answer = input.ask("user_context", "What context should the prompt use?",
				InputForm.of(InputForm.text("context").required()));
		String context = answer.isAccepted() ? answer.getString("context") : null;
		return (context != null) ? "Answer with this context in mind: " + context : "Answer without any given context.";
	}

	/** One prompt message as the endpoint writes it. */
	record Message(String role, Map<String, Object> content) {
	}

}
