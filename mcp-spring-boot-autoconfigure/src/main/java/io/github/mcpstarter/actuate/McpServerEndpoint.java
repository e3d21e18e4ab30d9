package io.github.mcpstarter.actuate;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import tools.jackson.databind.node.ObjectNode;

import io.github.mcpstarter.discovery.McpEndpoint;
import io.github.mcpstarter.invocation.MvcDispatcher;
import io.github.mcpstarter.invocation.EndpointInvoker;
import io.github.mcpstarter.protocol.McpSessionStore;
import io.github.mcpstarter.protocol.Offering;
import io.github.mcpstarter.protocol.OfferingRegistry;
import io.github.mcpstarter.protocol.RegisteredTool;
import io.github.mcpstarter.protocol.ToolRegistry;
import io.github.mcpstarter.transport.OpenStreams;

/**
 * The Actuator endpoint {@code mcp}: the published tools (name, the REST endpoint behind each, the
 * scopes a call needs, input and output schemas), the resources, resource templates and prompts
 * (name, kind, the REST endpoint behind each, the scopes a use needs), and the transports with
 * their live sessions and open streams.
 *
 * <p>Exposed, and secured, like any other Actuator endpoint: only when
 * {@code management.endpoints.web.exposure.include} names it, under the application's security
 * rules for the Actuator paths (the starter's own filter chain matches the MCP paths only).
 *
 * @since 0.1.0
 */
@Endpoint(id = "mcp")
public class McpServerEndpoint {

	private final ToolRegistry tools;

	private final McpSessionStore sessions;

	private final OpenStreams streams;

	private final List<McpTransportInfo> transports;

	private final MvcDispatcher dispatcher;

	private final Function<RegisteredTool, List<String>> requiredScopes;

	private final List<? extends OfferingRegistry<?>> offerings;

	private final Function<Offering, List<String>> offeringScopes;

	/**
	 * @param tools the published tools
	 * @param sessions the session store
	 * @param streams the open streams
	 * @param transports the transports as configured
	 * @param dispatcher the DispatcherServlet's mapping, for the endpoints' paths
	 * @param requiredScopes the scopes a call of a tool needs (none without security)
	 */
	public McpServerEndpoint(ToolRegistry tools, McpSessionStore sessions, OpenStreams streams,
			List<McpTransportInfo> transports, MvcDispatcher dispatcher,
			Function<RegisteredTool, List<String>> requiredScopes) {
		this(tools, sessions, streams, transports, dispatcher, requiredScopes, List.of(), (offering) -> List.of());
	}

	/**
	 * @param tools the published tools
	 * @param sessions the session store
	 * @param streams the open streams
	 * @param transports the transports as configured
	 * @param dispatcher the DispatcherServlet's mapping, for the endpoints' paths
	 * @param requiredScopes the scopes a call of a tool needs (none without security)
	 * @param offerings every registry of offerings; those that are not tools are listed apart
	 * @param offeringScopes the scopes a use of an offering needs (none without security)
	 * @since 0.2.0
	 */
	public McpServerEndpoint(ToolRegistry tools, McpSessionStore sessions, OpenStreams streams,
			List<McpTransportInfo> transports, MvcDispatcher dispatcher,
			Function<RegisteredTool, List<String>> requiredScopes, List<? extends OfferingRegistry<?>> offerings,
			Function<Offering, List<String>> offeringScopes) {
		this.tools = tools;
		this.sessions = sessions;
		this.streams = streams;
		this.transports = List.copyOf(transports);
		this.dispatcher = dispatcher;
		this.requiredScopes = requiredScopes;
		this.offerings = List.copyOf(offerings);
		this.offeringScopes = offeringScopes;
	}

	@ReadOperation
	public McpServerDescriptor mcp() {
		List<ToolDescriptor> tools = new ArrayList<>();
		for (RegisteredTool tool : this.tools.tools()) {
			McpEndpoint endpoint = (tool.origin() instanceof EndpointInvoker invoker) ? invoker.endpoint() : null;
			tools.add(new ToolDescriptor(tool.name(), (endpoint != null) ? endpoint.httpMethod().name() : null,
					(endpoint != null) ? this.dispatcher.servletPrefix() + endpoint.pathPattern() : null,
					(endpoint != null) ? endpoint.handlerName() : null, this.requiredScopes.apply(tool),
					tool.confirmationRequired(), tool.tool().inputSchema(), tool.tool().outputSchema()));
		}
		List<TransportDescriptor> transports = new ArrayList<>();
		for (McpTransportInfo transport : this.transports) {
			transports.add(new TransportDescriptor(transport.name(), transport.path(), transport.url(),
					transport.enabled(), transport.enabled() ? this.sessions.size(transport.name()) : 0,
					transport.enabled() ? this.streams.count(transport.name()) : 0));
		}
		List<OfferingDescriptor> resources = new ArrayList<>();
		List<OfferingDescriptor> prompts = new ArrayList<>();
		for (OfferingRegistry<?> registry : this.offerings) {
			for (Offering offering : registry.all()) {
				if (offering.kind() == Offering.Kind.TOOL) {
					continue;
				}
				McpEndpoint endpoint = (offering.origin() instanceof EndpointInvoker invoker) ? invoker.endpoint() : null;
				OfferingDescriptor descriptor = new OfferingDescriptor(offering.name(),
						offering.kind().name().toLowerCase(java.util.Locale.ROOT),
						(endpoint != null) ? endpoint.httpMethod().name() : null,
						(endpoint != null) ? this.dispatcher.servletPrefix() + endpoint.pathPattern() : null,
						(endpoint != null) ? endpoint.handlerName() : null, this.offeringScopes.apply(offering));
				(offering.kind() == Offering.Kind.PROMPT ? prompts : resources).add(descriptor);
			}
		}
		return new McpServerDescriptor(tools, resources, prompts, transports);
	}

	/**
	 * What the endpoint answers.
	 *
	 * @param tools the published tools, in {@code tools/list} order
	 * @param resources the published resources and resource templates
	 * @param prompts the published prompts
	 * @param transports every transport, enabled or not
	 */
	public record McpServerDescriptor(List<ToolDescriptor> tools, List<OfferingDescriptor> resources,
			List<OfferingDescriptor> prompts, List<TransportDescriptor> transports) implements OperationResponseBody {
	}

	/**
	 * A published resource, resource template or prompt.
	 *
	 * @param name its name: a resource's URI, a template's URI template, a prompt's name
	 * @param kind {@code resource}, {@code resource_template} or {@code prompt}
	 * @param httpMethod the HTTP method of the REST endpoint behind it
	 * @param path the path pattern of that endpoint, within the servlet context
	 * @param handler the handler method, {@code Class.method}
	 * @param requiredScopes the OAuth2 scopes a use needs
	 * @since 0.2.0
	 */
	public record OfferingDescriptor(String name, String kind, @Nullable String httpMethod, @Nullable String path,
			@Nullable String handler, List<String> requiredScopes) {
	}

	/**
	 * A published tool.
	 *
	 * @param name the tool's name
	 * @param httpMethod the HTTP method of the REST endpoint behind it
	 * @param path the path pattern of that endpoint, within the servlet context
	 * @param handler the handler method, {@code Class.method}
	 * @param requiredScopes the OAuth2 scopes a call needs (URL rules and method security that no
	 * scope expresses are not listed)
	 * @param confirmationRequired whether the user must confirm each call before it runs
	 * @param inputSchema the JSON Schema of its arguments
	 * @param outputSchema the JSON Schema of its structured result, if any
	 */
	public record ToolDescriptor(String name, @Nullable String httpMethod, @Nullable String path,
			@Nullable String handler, List<String> requiredScopes, boolean confirmationRequired, ObjectNode inputSchema,
			@Nullable ObjectNode outputSchema) {
	}

	/**
	 * A transport.
	 *
	 * @param name its name ({@code streamable-http}, {@code sse})
	 * @param path its path within the servlet context
	 * @param url its absolute URL, when {@code mcp.server.public-url} is set
	 * @param enabled whether it is served
	 * @param liveSessions its live sessions
	 * @param openStreams its open server-to-client streams
	 */
	public record TransportDescriptor(String name, String path, @Nullable String url, boolean enabled,
			int liveSessions, int openStreams) {
	}

}
