/**
 * Auto-configuration: the only place that creates beans. Start from
 * {@link io.github.mcpstarter.autoconfigure.McpServerAutoConfiguration} to see what is switched on.
 */
@NullMarked
package io.github.mcpstarter.autoconfigure;

import org.jspecify.annotations.NullMarked;
