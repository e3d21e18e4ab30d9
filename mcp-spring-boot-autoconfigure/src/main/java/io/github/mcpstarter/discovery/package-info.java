/**
 * Finds the Spring MVC handler methods annotated with {@link io.github.mcpstarter.McpTool} and
 * describes each as an {@link io.github.mcpstarter.discovery.McpEndpoint}: its HTTP mapping, its
 * inputs and where each input travels (path, query, header, body).
 *
 * <p>Discovery reads what Spring MVC itself serves ({@code RequestMappingHandlerMapping}) and
 * classifies each parameter by the argument resolver MVC will use for it, so a tool's inputs are
 * exactly the endpoint's.
 */
@NullMarked
package io.github.mcpstarter.discovery;

import org.jspecify.annotations.NullMarked;
