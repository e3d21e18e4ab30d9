/**
 * Spring Boot Actuator: the {@code mcp} endpoint, listing the published tools and the transports,
 * and the health of the MCP subsystem.
 */
@NullMarked
package io.github.mcpstarter.actuate;

import org.jspecify.annotations.NullMarked;
