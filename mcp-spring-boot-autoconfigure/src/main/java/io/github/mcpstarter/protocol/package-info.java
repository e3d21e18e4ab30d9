/**
 * The MCP protocol core: JSON-RPC messages, the protocol's eras, method dispatch, sessions and the
 * tool registry.
 *
 * <p>Nothing here knows HTTP, servlets or Spring MVC. Transports parse bytes into
 * {@link io.github.mcpstarter.protocol.JsonRpcMessage}s, hand each to
 * {@link io.github.mcpstarter.protocol.McpServer#serve} with an
 * {@link io.github.mcpstarter.protocol.McpExchange} (the versions the transport serves, the session
 * the message names, the callbacks only the transport can carry out), and write the
 * {@link io.github.mcpstarter.protocol.McpReply}. The era of each message is chosen per message:
 * the modern, stateless one (2026-07-28) or the legacy one of sessions opened by {@code initialize}.
 */
@NullMarked
package io.github.mcpstarter.protocol;

import org.jspecify.annotations.NullMarked;
