package io.github.mcpstarter.invocation;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

import io.github.mcpstarter.ToolLog;
import io.github.mcpstarter.ToolProgress;
import io.github.mcpstarter.discovery.McpEndpoint;
import io.github.mcpstarter.protocol.CallToolResult;
import io.github.mcpstarter.protocol.ToolCallContext;
import io.github.mcpstarter.protocol.ToolCallHandler;

/**
 * Runs one published endpoint for {@code tools/call}: its {@link EndpointInvoker} serves the HTTP
 * request the arguments stand for, in process, and the response becomes the tool's result.
 */
public class SpringMvcToolCallHandler implements ToolCallHandler {

	private static final Log logger = LogFactory.getLog(SpringMvcToolCallHandler.class);

	private final EndpointInvoker invoker;

	private final JsonMapper mapper;

	private final ToolResults results;

	public SpringMvcToolCallHandler(McpEndpoint endpoint, MvcDispatcher dispatcher, JsonMapper mapper) {
		this(endpoint, dispatcher, mapper, ToolRequestAuthorizer.ALLOW_ALL);
	}

	/**
	 * @param endpoint the endpoint to run
	 * @param dispatcher the DispatcherServlet to run it with
	 * @param mapper writes JSON bodies
	 * @param authorizer applies the application's URL rules to the concrete request
	 */
	public SpringMvcToolCallHandler(McpEndpoint endpoint, MvcDispatcher dispatcher, JsonMapper mapper,
			ToolRequestAuthorizer authorizer) {
		this(new EndpointInvoker(endpoint, dispatcher, mapper, authorizer, CapturedResponse.UNLIMITED), mapper, null);
	}

	/**
	 * @param invoker runs the endpoint
	 * @param mapper writes JSON bodies
	 * @param outputSchema the tool's output schema, which every successful result must then carry
	 * conforming structured content for, or {@code null} when it declares none
	 * @since 0.2.0
	 */
	public SpringMvcToolCallHandler(EndpointInvoker invoker, JsonMapper mapper, @Nullable ObjectNode outputSchema) {
		this.invoker = invoker;
		this.mapper = mapper;
		this.results = new ToolResults(mapper, invoker.endpoint().name(), outputSchema);
	}

	public McpEndpoint endpoint() {
		return this.invoker.endpoint();
	}

	/** What runs the endpoint. */
	public EndpointInvoker invoker() {
		return this.invoker;
	}

	@Override
	public CallToolResult call(ObjectNode arguments, ToolCallContext context) {
		HttpServletRequest mcpRequest = context.request().transport().unwrap(HttpServletRequest.class);
		HttpServletResponse mcpResponse = context.request().transport().unwrap(HttpServletResponse.class);
		if (mcpRequest == null || mcpResponse == null) {
			throw new IllegalStateException("A Spring MVC tool needs the servlet request it was called with");
		}
		ToolProgress progress = new ToolProgress() {

			@Override
			public void report(double value, @Nullable Double total, @Nullable String message) {
				context.progress(value, total, message);
			}

			@Override
			public boolean isCancelled() {
				return context.isCancelled();
			}

		};
		// The logger is the tool, so that a client showing messages of several tools can tell them apart.
		ToolLog log = (level, data) -> context.log(level, endpoint().name(), logData(data));
		EndpointInvoker.Outcome outcome = this.invoker.invoke(arguments, mcpRequest, mcpResponse,
				Map.of(ToolCallArgumentResolver.PROGRESS_ATTRIBUTE, progress, ToolCallArgumentResolver.LOG_ATTRIBUTE,
						log, ToolCallArgumentResolver.INPUT_ATTRIBUTE, new CallClientInput(context::inputs)));
		if (context.interruption() != null) {
			// The endpoint asked the client for input, and the call ends for it (the feature answers);
			// whatever the endpoint or its exception handling made of that is no result, nor a failure.
			return ToolResults.internalError();
		}
		// (Java 17: no pattern matching in switch yet.)
		if (outcome instanceof EndpointInvoker.Outcome.InvalidArguments invalid) {
			return CallToolResult.error(invalid.message());
		}
		if (outcome instanceof EndpointInvoker.Outcome.Rejected rejected) {
			return CallToolResult.error(ToolResults.statusLine(400) + ": " + rejected.reason());
		}
		if (outcome instanceof EndpointInvoker.Outcome.Denied) {
			context.markDenied();
			return CallToolResult.error(ToolResults.statusLine(403) + ": Access Denied");
		}
		if (outcome instanceof EndpointInvoker.Outcome.TooLarge tooLarge) {
			return ToolResults.tooLarge(tooLarge.limit());
		}
		if (outcome instanceof EndpointInvoker.Outcome.Failed failed) {
			// The container would have answered 500; the details belong in the log, not in the result.
			logger.error("Tool '" + endpoint().name() + "' (" + endpoint().handlerName() + ") failed",
					failed.exception());
			return ToolResults.internalError();
		}
		EndpointInvoker.Outcome.Served served = (EndpointInvoker.Outcome.Served) outcome;
		if (served.refusedTheCaller()) {
			// The application's filters or the endpoint refused the caller, as they would the REST call.
			context.markDenied();
		}
		String detail = (served.response().status() >= 400) ? ValidationMessages.describe(served.handled(), endpoint())
				: null;
		return this.results.from(served.response(), detail, served.requestUrl());
	}

	/**
	 * The request that stands for every call of this tool, to judge URL rules before a call.
	 * @param mcpRequest the MCP request
	 * @see EndpointInvoker#templateRequest
	 */
	public HttpServletRequest templateRequest(HttpServletRequest mcpRequest) {
		return this.invoker.templateRequest(mcpRequest);
	}

	/** A log message's data as JSON; one Jackson cannot write is sent as its text, never failing the call. */
	private JsonNode logData(Object data) {
		if (data instanceof String text) {
			return StringNode.valueOf(text);
		}
		try {
			return this.mapper.valueToTree(data);
		}
		catch (JacksonException ex) {
			return StringNode.valueOf(String.valueOf(data));
		}
	}

}
