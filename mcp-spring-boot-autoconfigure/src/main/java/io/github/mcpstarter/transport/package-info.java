/**
 * MCP transports: each adapts HTTP to the protocol core and holds no protocol logic of its own.
 */
@NullMarked
package io.github.mcpstarter.transport;

import org.jspecify.annotations.NullMarked;
