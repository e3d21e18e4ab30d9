package io.github.mcpstarter.protocol;

import org.jspecify.annotations.Nullable;

/**
 * Everything a request is served with besides its own message.
 *
 * @param session the client's session, or {@code null} when the request is served without one
 * @param protocolVersion the protocol version the request speaks
 * @param transport what the transport knows of the request
 */
public record McpRequestContext(@Nullable McpSession session, String protocolVersion, TransportContext transport) {
}
