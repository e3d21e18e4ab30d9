package io.github.mcpstarter.actuate;

import org.jspecify.annotations.Nullable;

/**
 * A transport as configured.
 *
 * @param name its name ({@code streamable-http}, {@code sse})
 * @param path the path of its endpoint within the servlet context
 * @param url its absolute URL, when {@code mcp.server.public-url} says where clients reach it
 * @param enabled whether it is served
 * @since 0.1.0
 */
public record McpTransportInfo(String name, String path, @Nullable String url, boolean enabled) {
}
