package io.github.mcpstarter.invocation;

import java.util.ArrayList;
import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import tools.jackson.databind.json.JsonMapper;

import io.github.mcpstarter.discovery.McpEndpoint;
import io.github.mcpstarter.discovery.McpEndpointScanner;
import io.github.mcpstarter.McpTool;
import io.github.mcpstarter.protocol.RegisteredTool;
import io.github.mcpstarter.protocol.Tool;
import io.github.mcpstarter.protocol.ToolRegistry;
import io.github.mcpstarter.schema.ToolSchemaGenerator;
import io.github.mcpstarter.schema.ToolSchemas;

/**
 * Publishes the annotated endpoints as tools once every singleton exists: discovery, schemas and a
 * handler per endpoint, all built here, once, so no call pays for them.
 *
 * <p>It runs as a {@link SmartInitializingSingleton} rather than on {@code ContextRefreshedEvent}
 * because the web server starts accepting requests before that event: tools must be in place
 * first. A problem with any endpoint fails startup.
 */
public class EndpointToolPublisher implements SmartInitializingSingleton {

	private static final Log logger = LogFactory.getLog(EndpointToolPublisher.class);

	private final McpEndpointScanner scanner;

	private final ToolSchemaGenerator schemaGenerator;

	private final MvcDispatcher dispatcher;

	private final ToolRegistry registry;

	private final JsonMapper mapper;

	private final ToolRequestAuthorizer authorizer;

	private final OutputSchemaPolicy outputSchemaPolicy;

	private final long maxResponseSize;

	private boolean confirmDestructive;

	public EndpointToolPublisher(McpEndpointScanner scanner, ToolSchemaGenerator schemaGenerator,
			MvcDispatcher dispatcher, ToolRegistry registry, JsonMapper mapper) {
		this(scanner, schemaGenerator, dispatcher, registry, mapper, ToolRequestAuthorizer.ALLOW_ALL);
	}

	public EndpointToolPublisher(McpEndpointScanner scanner, ToolSchemaGenerator schemaGenerator,
			MvcDispatcher dispatcher, ToolRegistry registry, JsonMapper mapper, ToolRequestAuthorizer authorizer) {
		this(scanner, schemaGenerator, dispatcher, registry, mapper, authorizer, new OutputSchemaPolicy(),
				CapturedResponse.UNLIMITED);
	}

	/**
	 * @param outputSchemaPolicy what each tool's output schema may promise (body advice, bodiless answers)
	 * @param maxResponseSize the most bytes of response body a tool call holds
	 * @since 0.1.0
	 */
	public EndpointToolPublisher(McpEndpointScanner scanner, ToolSchemaGenerator schemaGenerator,
			MvcDispatcher dispatcher, ToolRegistry registry, JsonMapper mapper, ToolRequestAuthorizer authorizer,
			OutputSchemaPolicy outputSchemaPolicy, long maxResponseSize) {
		this.outputSchemaPolicy = outputSchemaPolicy;
		this.maxResponseSize = maxResponseSize;
		this.authorizer = authorizer;
		this.scanner = scanner;
		this.schemaGenerator = schemaGenerator;
		this.dispatcher = dispatcher;
		this.registry = registry;
		this.mapper = mapper;
	}

	/** What {@code @McpTool} says of an endpoint, on its method and on its class. */
	private record McpToolAnnotations(@org.jspecify.annotations.Nullable McpTool onMethod,
			@org.jspecify.annotations.Nullable McpTool onClass) {

		static McpToolAnnotations of(McpEndpoint endpoint) {
			return new McpToolAnnotations(
					org.springframework.core.annotation.AnnotatedElementUtils
						.findMergedAnnotation(endpoint.handlerMethod().getMethod(), McpTool.class),
					org.springframework.core.annotation.AnnotatedElementUtils
						.findMergedAnnotation(endpoint.handlerMethod().getBeanType(), McpTool.class));
		}

		/** What {@code clientCapabilities} names, on the method or else on its class. */
		java.util.Set<String> requiredClientCapabilities() {
			McpTool annotation = (this.onMethod != null) ? this.onMethod : this.onClass;
			return (annotation != null) ? java.util.Set.of(annotation.clientCapabilities()) : java.util.Set.of();
		}

		/** {@code confirm} on the method, else on its class, else {@code AUTO}. */
		McpTool.Hint confirm() {
			if (this.onMethod != null && this.onMethod.confirm() != McpTool.Hint.AUTO) {
				return this.onMethod.confirm();
			}
			return (this.onClass != null) ? this.onClass.confirm() : McpTool.Hint.AUTO;
		}

	}

	/**
	 * Whether each call needs the user's confirmation: {@code @McpTool(confirm)}, else (AUTO) for a
	 * destructive tool when {@code mcp.server.tools.confirm-destructive} is on.
	 */
	private boolean confirmationRequired(McpEndpoint endpoint, McpToolAnnotations annotations) {
		McpTool.Hint confirm = annotations.confirm();
		if (confirm != McpTool.Hint.AUTO) {
			return confirm == McpTool.Hint.TRUE;
		}
		return this.confirmDestructive && Boolean.TRUE.equals(endpoint.annotations().destructiveHint());
	}

	/**
	 * Asks the user to confirm every destructive tool's calls, unless its {@code @McpTool(confirm)}
	 * says otherwise ({@code mcp.server.tools.confirm-destructive}).
	 * @since 0.2.0
	 */
	public void setConfirmDestructive(boolean confirmDestructive) {
		this.confirmDestructive = confirmDestructive;
	}

	@Override
	public void afterSingletonsInstantiated() {
		long start = System.nanoTime();
		List<McpEndpoint> endpoints = this.scanner.scan();
		List<RegisteredTool> tools = new ArrayList<>(endpoints.size());
		for (McpEndpoint endpoint : endpoints) {
			ToolSchemas schemas = this.outputSchemaPolicy.apply(endpoint, this.schemaGenerator.generate(endpoint),
					this.schemaGenerator);
			Tool tool = new Tool(endpoint.name(), endpoint.title(), endpoint.description(), schemas.input(),
					schemas.output(), endpoint.annotations());
			EndpointInvoker invoker = new EndpointInvoker(endpoint, this.dispatcher, this.mapper, this.authorizer,
					this.maxResponseSize);
			McpToolAnnotations annotations = McpToolAnnotations.of(endpoint);
			tools.add(new RegisteredTool(tool, new SpringMvcToolCallHandler(invoker, this.mapper, schemas.output()),
					annotations.requiredClientCapabilities(), invoker, confirmationRequired(endpoint, annotations)));
		}
		this.registry.publish(tools);
		// The one startup summary of the tools; the transports' URLs follow once the server listens.
		if (logger.isInfoEnabled()) {
			logger.info("Published " + tools.size() + " MCP tool" + ((tools.size() == 1) ? "" : "s") + " in "
					+ (System.nanoTime() - start) / 1_000_000 + " ms"
					+ (tools.isEmpty() ? " (no @McpTool endpoints found)"
							: ": " + String.join(", ", tools.stream().map(RegisteredTool::name).toList())));
		}
	}

}
