/**
 * The MCP protocol core: JSON-RPC messages, method dispatch, sessions and the tool registry.
 *
 * <p>Nothing here knows HTTP, servlets or Spring MVC. Transports parse bytes into
 * {@link io.github.mcpstarter.protocol.JsonRpcMessage}s, hand them to
 * {@link io.github.mcpstarter.protocol.McpServer}, and write what it answers. A request can be
 * answered without a session, which keeps a stateless transport possible.
 */
@NullMarked
package io.github.mcpstarter.protocol;

import org.jspecify.annotations.NullMarked;
