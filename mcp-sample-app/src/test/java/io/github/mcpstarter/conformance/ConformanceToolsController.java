package io.github.mcpstarter.conformance;

import java.util.Base64;
import java.util.Map;

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
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

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

	/** Fails as a REST endpoint fails: the result has {@code isError} and the reason. */
	@McpTool(name = "test_error_handling", description = "Tests error response handling")
	@PostMapping("/error")
	void errorHandling() {
		this.calls.record("test_error_handling");
		throw new ResponseStatusException(HttpStatus.INTERNAL_SERVER_ERROR,
				"This tool intentionally returns an error for testing");
	}

}
