/**
 * The Streamable HTTP transport: one endpoint, JSON-RPC over POST, serving MCP 2026-07-28
 * statelessly (with its request headers checked against the body) beside the session-based
 * revisions from 2025-03-26 to 2025-11-25.
 */
@NullMarked
package io.github.mcpstarter.transport.streamable;

import org.jspecify.annotations.NullMarked;
