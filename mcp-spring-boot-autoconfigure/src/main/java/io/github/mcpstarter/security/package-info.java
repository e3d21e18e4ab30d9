/**
 * Protection of the MCP endpoints: filters that run in front of the transports.
 */
@NullMarked
package io.github.mcpstarter.security;

import org.jspecify.annotations.NullMarked;
