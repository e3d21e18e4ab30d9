package io.github.mcpstarter.invocation;

import java.util.Base64;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import io.github.mcpstarter.discovery.McpEndpoint;
import io.github.mcpstarter.protocol.Content;
import io.github.mcpstarter.protocol.JsonRpcError;
import io.github.mcpstarter.protocol.McpProtocolException;
import io.github.mcpstarter.protocol.McpRequestContext;
import io.github.mcpstarter.protocol.ReadResourceResult;
import io.github.mcpstarter.protocol.ResourceReader;

/**
 * Reads one published resource (or a resource of a template) by running its endpoint with the
 * values the URI gives, in process, as the REST {@code GET} would run, and reads the response as
 * the resource's contents.
 *
 * <ul>
 * <li>2xx: one content with the URI read; a textual body ({@code text/*}, JSON, XML, without a
 * media type too) as {@code text} in the response's charset, any other as a base64
 * {@code blob}; {@code mimeType} is the response's media type without parameters, else the
 * listed one.</li>
 * <li>404, and 401/403 (the application refused the caller, which the listing's access check
 * could not foresee): not found, as for a URI nothing publishes, so a refusal reveals nothing.</li>
 * <li>Other 4xx: {@code -32602} saying what the endpoint objected to; 5xx and anything else the
 * read cannot carry: {@code -32603}, the details in the log.</li>
 * </ul>
 *
 * @since 0.2.0
 */
public class SpringMvcResourceReader implements ResourceReader {

	private static final Log logger = LogFactory.getLog(SpringMvcResourceReader.class);

	private final EndpointInvoker invoker;

	private final @Nullable String mimeType;

	/**
	 * @param invoker runs the endpoint
	 * @param mimeType the media type the resource is listed with, for a response that names none
	 */
	public SpringMvcResourceReader(EndpointInvoker invoker, @Nullable String mimeType) {
		this.invoker = invoker;
		this.mimeType = mimeType;
	}

	/** What runs the endpoint. */
	public EndpointInvoker invoker() {
		return this.invoker;
	}

	@Override
	public @Nullable ReadResourceResult read(String uri, Map<String, String> variables, McpRequestContext context) {
		HttpServletRequest mcpRequest = context.transport().unwrap(HttpServletRequest.class);
		HttpServletResponse mcpResponse = context.transport().unwrap(HttpServletResponse.class);
		if (mcpRequest == null || mcpResponse == null) {
			throw new IllegalStateException("A Spring MVC resource needs the servlet request it was read with");
		}
		ObjectNode arguments = JsonNodeFactory.instance.objectNode();
		variables.forEach(arguments::put);
		EndpointInvoker.Outcome outcome = CallClientInput.invoke(this.invoker, arguments, mcpRequest, mcpResponse, context);
		// (Java 17: no pattern matching in switch yet.)
		if (outcome instanceof EndpointInvoker.Outcome.InvalidArguments
				|| outcome instanceof EndpointInvoker.Outcome.Denied) {
			// A value the path variable's pattern refuses is a URL MVC maps to nothing (404); a refusal
			// of the caller is answered as the access check answers a hidden resource.
			return null;
		}
		if (outcome instanceof EndpointInvoker.Outcome.Rejected rejected) {
			throw McpProtocolException.invalidParams(ToolResults.statusLine(400) + ": " + rejected.reason());
		}
		if (outcome instanceof EndpointInvoker.Outcome.TooLarge tooLarge) {
			throw tooLarge(tooLarge.limit());
		}
		if (outcome instanceof EndpointInvoker.Outcome.Failed failed) {
			logger.error("Resource '" + uri + "' (" + endpoint().handlerName() + ") failed", failed.exception());
			throw internalError();
		}
		EndpointInvoker.Outcome.Served served = (EndpointInvoker.Outcome.Served) outcome;
		CapturedResponse response = served.response();
		if (response.tooLarge()) {
			throw tooLarge(response.maxBodySize());
		}
		int status = response.status();
		if (status == 404 || served.refusedTheCaller()) {
			return null;
		}
		if (status >= 400 && status < 500) {
			StringBuilder message = new StringBuilder(ToolResults.statusLine(status));
			if (response.errorMessage() != null && !response.errorMessage().isBlank()) {
				message.append(": ").append(response.errorMessage());
			}
			String detail = ValidationMessages.describe(served.handled(), endpoint());
			if (detail != null) {
				message.append("; ").append(detail);
			}
			throw McpProtocolException.invalidParams(message.toString());
		}
		if (status < 200 || status >= 300) {
			logger.warn("Resource '" + uri + "' (" + endpoint().handlerName() + ") answered "
					+ ToolResults.statusLine(status) + ", which a resource read cannot carry");
			throw internalError();
		}
		MediaType mediaType = response.mediaType();
		String type = (mediaType != null) ? ToolResults.withoutParameters(mediaType) : this.mimeType;
		byte[] body = response.body();
		Content.EmbeddedResource contents = ToolResults.isText(mediaType)
				? Content.EmbeddedResource.text(uri, type, new String(body, response.charset()))
				: Content.EmbeddedResource.blob(uri, type, Base64.getEncoder().encodeToString(body));
		return new ReadResourceResult(List.of(contents));
	}

	private McpEndpoint endpoint() {
		return this.invoker.endpoint();
	}

	private static McpProtocolException tooLarge(long limit) {
		return new McpProtocolException(JsonRpcError.ErrorCodes.INTERNAL_ERROR, "The resource is larger than "
				+ ToolResults.MAX_RESPONSE_SIZE_PROPERTY + " (" + ToolResults.size(limit)
				+ "), the most a read may carry; read a smaller resource, or raise the limit");
	}

	private static McpProtocolException internalError() {
		return new McpProtocolException(JsonRpcError.ErrorCodes.INTERNAL_ERROR, "Internal error");
	}

}
