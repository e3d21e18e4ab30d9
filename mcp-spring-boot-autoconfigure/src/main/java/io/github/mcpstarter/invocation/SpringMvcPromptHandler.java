package io.github.mcpstarter.invocation;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import io.github.mcpstarter.discovery.McpEndpoint;
import io.github.mcpstarter.protocol.GetPromptResult;
import io.github.mcpstarter.protocol.JsonRpcError;
import io.github.mcpstarter.protocol.McpProtocolException;
import io.github.mcpstarter.protocol.McpRequestContext;
import io.github.mcpstarter.protocol.PromptHandler;
import io.github.mcpstarter.protocol.PromptMessage;

/**
 * Runs one published endpoint for {@code prompts/get}: its {@link EndpointInvoker} serves the
 * HTTP request the arguments stand for, in process, and the response becomes the prompt's
 * messages.
 *
 * <ul>
 * <li>2xx JSON: the messages it holds ({@link PromptMessages}); a body of another shape is the
 * endpoint's mistake, answered {@code -32603} and logged once, naming the handler.</li>
 * <li>2xx {@code multipart/*}: one user message per part, each read as below.</li>
 * <li>2xx of any other type: one user message, read as a tool's content block is: text for text,
 * an image or audio block for {@code image/*} and {@code audio/*}, an embedded resource for other
 * bytes or a body with a {@code Content-Location}.</li>
 * <li>4xx: the arguments did not suit the endpoint, {@code -32602} with the status and what went
 * wrong (the validation detail, as a tool reports it). A 404 too: the prompt exists (the client
 * just listed it), the thing its arguments name does not, and "unknown prompt" would send the
 * client looking for a prompt it already has.</li>
 * <li>5xx, a failure, a body without messages: {@code -32603}, the details in the log.</li>
 * </ul>
 *
 * @since 0.2.0
 */
public class SpringMvcPromptHandler implements PromptHandler {

	private static final Log logger = LogFactory.getLog(SpringMvcPromptHandler.class);

	private final EndpointInvoker invoker;

	private final JsonMapper mapper;

	private final AtomicBoolean wrongShapeReported = new AtomicBoolean();

	/**
	 * @param invoker runs the endpoint
	 * @param mapper reads its JSON
	 */
	public SpringMvcPromptHandler(EndpointInvoker invoker, JsonMapper mapper) {
		this.invoker = invoker;
		this.mapper = mapper;
	}

	public McpEndpoint endpoint() {
		return this.invoker.endpoint();
	}

	/** What runs the endpoint. */
	public EndpointInvoker invoker() {
		return this.invoker;
	}

	@Override
	public GetPromptResult get(Map<String, String> arguments, McpRequestContext context) {
		HttpServletRequest mcpRequest = context.transport().unwrap(HttpServletRequest.class);
		HttpServletResponse mcpResponse = context.transport().unwrap(HttpServletResponse.class);
		if (mcpRequest == null || mcpResponse == null) {
			throw new IllegalStateException("A Spring MVC prompt needs the servlet request it was asked with");
		}
		ObjectNode args = JsonNodeFactory.instance.objectNode();
		arguments.forEach(args::put);
		EndpointInvoker.Outcome outcome = CallClientInput.invoke(this.invoker, args, mcpRequest, mcpResponse, context);
		// (Java 17: no pattern matching in switch yet.)
		if (outcome instanceof EndpointInvoker.Outcome.InvalidArguments invalid) {
			throw invalidParams(invalid.message());
		}
		if (outcome instanceof EndpointInvoker.Outcome.Rejected rejected) {
			throw invalidParams(ToolResults.statusLine(400) + ": " + rejected.reason());
		}
		if (outcome instanceof EndpointInvoker.Outcome.Denied) {
			throw invalidParams(ToolResults.statusLine(403) + ": Access Denied");
		}
		if (outcome instanceof EndpointInvoker.Outcome.TooLarge tooLarge) {
			throw internal("the endpoint's response is larger than " + ToolResults.MAX_RESPONSE_SIZE_PROPERTY + " ("
					+ tooLarge.limit() + " bytes), the most a prompt may carry");
		}
		if (outcome instanceof EndpointInvoker.Outcome.Failed failed) {
			logger.error("Prompt '" + endpoint().name() + "' (" + endpoint().handlerName() + ") failed",
					failed.exception());
			throw new McpProtocolException(JsonRpcError.ErrorCodes.INTERNAL_ERROR, "Internal error");
		}
		EndpointInvoker.Outcome.Served served = (EndpointInvoker.Outcome.Served) outcome;
		return read(served);
	}

	private GetPromptResult read(EndpointInvoker.Outcome.Served served) {
		CapturedResponse response = served.response();
		if (response.tooLarge()) {
			throw internal("the endpoint's response is larger than " + ToolResults.MAX_RESPONSE_SIZE_PROPERTY + " ("
					+ response.maxBodySize() + " bytes), the most a prompt may carry");
		}
		int status = response.status();
		if (status >= 400 && status < 500) {
			throw invalidParams(refusal(served));
		}
		if (status >= 500) {
			logger.warn("Prompt '" + endpoint().name() + "' (" + endpoint().handlerName() + ") answered "
					+ ToolResults.statusLine(status));
			throw new McpProtocolException(JsonRpcError.ErrorCodes.INTERNAL_ERROR, "Internal error");
		}
		if (status < 200 || status >= 300) {
			throw wrongShape(ToolResults.statusLine(status) + " is no prompt: it must answer 2xx with messages");
		}
		byte[] body = response.body();
		if (body.length == 0) {
			throw wrongShape("it answered " + ToolResults.statusLine(status) + " without a body, so without messages");
		}
		MediaType mediaType = response.mediaType();
		HttpHeaders headers = response.headers();
		if (mediaType != null && MultipartBody.isMultipart(mediaType)) {
			return multipart(body, mediaType, served.requestUrl());
		}
		if (mediaType != null && ToolResults.isJson(mediaType) && headers.getFirst(HttpHeaders.CONTENT_LOCATION) == null) {
			return json(body, response.charset());
		}
		return new GetPromptResult(null, List.of(PromptMessage
			.user(ToolResults.block(mediaType, headers, body, response.charset(), served.requestUrl()))));
	}

	private GetPromptResult json(byte[] body, Charset charset) {
		JsonNode json;
		try {
			json = StandardCharsets.UTF_8.equals(charset) ? this.mapper.readTree(body)
					: this.mapper.readTree(new String(body, charset));
		}
		catch (JacksonException ex) {
			throw wrongShape("its JSON body is malformed");
		}
		try {
			return PromptMessages.read(json);
		}
		catch (PromptMessages.WrongShapeException ex) {
			throw wrongShape("its JSON body is no prompt: " + ex.getMessage());
		}
	}

	private GetPromptResult multipart(byte[] body, MediaType mediaType, String requestUrl) {
		List<MultipartBody.Part> parts;
		try {
			parts = MultipartBody.parse(body, mediaType);
		}
		catch (IllegalArgumentException ex) {
			throw wrongShape("it wrote a malformed multipart body (" + ex.getMessage() + ")");
		}
		List<PromptMessage> messages = new ArrayList<>(parts.size());
		for (MultipartBody.Part part : parts) {
			MediaType partType = part.contentType();
			Charset charset = (partType != null && partType.getCharset() != null) ? partType.getCharset()
					: StandardCharsets.UTF_8;
			messages.add(PromptMessage.user(ToolResults.block(partType, part.headers(), part.body(), charset, requestUrl)));
		}
		return new GetPromptResult(null, messages);
	}

	/** What a 4xx says, as a tool's error result says it: status, reason, validation detail, text body. */
	private String refusal(EndpointInvoker.Outcome.Served served) {
		CapturedResponse response = served.response();
		StringBuilder text = new StringBuilder(ToolResults.statusLine(response.status()));
		if (response.errorMessage() != null && !response.errorMessage().isBlank()) {
			text.append(": ").append(response.errorMessage());
		}
		String detail = ValidationMessages.describe(served.handled(), endpoint());
		if (detail != null) {
			text.append("; ").append(detail.replace('\n', ';'));
		}
		MediaType mediaType = response.mediaType();
		byte[] body = response.body();
		if (detail == null && body.length > 0 && body.length <= 4096 && mediaType != null
				&& ("text".equals(mediaType.getType()) || ToolResults.isJson(mediaType))) {
			text.append(": ").append(new String(body, response.charset()));
		}
		return text.toString();
	}

	private McpProtocolException invalidParams(String problem) {
		return McpProtocolException.invalidParams("Prompt '" + endpoint().name() + "': " + problem);
	}

	private McpProtocolException internal(String problem) {
		return new McpProtocolException(JsonRpcError.ErrorCodes.INTERNAL_ERROR,
				"Prompt '" + endpoint().name() + "' failed: " + problem);
	}

	/**
	 * The endpoint answered something that is no prompt: its author's mistake, not the client's.
	 * The client learns what is wrong; the log names the handler, once, so it does not flood.
	 */
	private McpProtocolException wrongShape(String problem) {
		if (this.wrongShapeReported.compareAndSet(false, true)) {
			logger.warn("Prompt '" + endpoint().name() + "' (" + endpoint().handlerName() + "): " + problem
					+ ". Return text, or JSON messages [{\"role\":\"user\",\"content\":{\"type\":\"text\",\"text\":\"...\"}}]"
					+ " or {\"description\":\"...\",\"messages\":[...]}");
		}
		else if (logger.isDebugEnabled()) {
			logger.debug("Prompt '" + endpoint().name() + "' (" + endpoint().handlerName() + "): " + problem);
		}
		return internal(problem);
	}

}
