/**
 * The Streamable HTTP transport (MCP 2025-03-26 and later): one endpoint, JSON-RPC over POST.
 */
@NullMarked
package io.github.mcpstarter.transport.streamable;

import org.jspecify.annotations.NullMarked;
