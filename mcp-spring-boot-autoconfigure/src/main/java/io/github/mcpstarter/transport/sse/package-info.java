/**
 * The legacy HTTP+SSE transport (MCP 2024-11-05): a GET stream that carries every server message,
 * and a separate endpoint for the client's POSTs.
 */
@NullMarked
package io.github.mcpstarter.transport.sse;

import org.jspecify.annotations.NullMarked;
