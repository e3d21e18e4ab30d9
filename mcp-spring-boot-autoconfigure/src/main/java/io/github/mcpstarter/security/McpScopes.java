package io.github.mcpstarter.security;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.github.mcpstarter.invocation.SpringMvcToolCallHandler;
import io.github.mcpstarter.protocol.RegisteredTool;
import io.github.mcpstarter.protocol.ToolRegistry;

/**
 * The scopes of this MCP server: those every request needs ({@code mcp.server.security.scopes}),
 * and those of its tools. {@code offline_access} is never among them: it is the client's business.
 */
public class McpScopes {

	private final ToolRegistry tools;

	private final List<String> required;

	/**
	 * @param tools the published tools
	 * @param required the scopes every MCP request needs
	 */
	public McpScopes(ToolRegistry tools, List<String> required) {
		this.tools = tools;
		this.required = required.stream().filter((scope) -> !"offline_access".equals(scope)).toList();
	}

	/** The scopes every MCP request needs. */
	public List<String> required() {
		return this.required;
	}

	/**
	 * The scopes a client should ask for when it has no token: those every request needs, else
	 * every scope of the tools.
	 */
	public List<String> challenge() {
		return this.required.isEmpty() ? all() : this.required;
	}

	/**
	 * The scopes a call of one tool needs: those every request needs, and the tool's own.
	 * @since 0.1.0
	 */
	public List<String> of(RegisteredTool tool) {
		Set<String> scopes = new LinkedHashSet<>(this.required);
		if (tool.handler() instanceof SpringMvcToolCallHandler handler) {
			scopes.addAll(ToolScopes.of(handler.endpoint().handlerMethod()));
		}
		scopes.remove("offline_access");
		return List.copyOf(scopes);
	}

	/** Every scope of the server and of its tools ({@code scopes_supported}). */
	public List<String> all() {
		Set<String> scopes = new LinkedHashSet<>(this.required);
		for (RegisteredTool tool : this.tools.tools()) {
			if (tool.handler() instanceof SpringMvcToolCallHandler handler) {
				scopes.addAll(ToolScopes.of(handler.endpoint().handlerMethod()));
			}
		}
		scopes.remove("offline_access");
		return List.copyOf(scopes);
	}

}
