/**
 * Operations: every tool call as a Micrometer observation (a timer, and a span with tracing), the
 * session and stream gauges, and the audit log.
 */
@NullMarked
package io.github.mcpstarter.observation;

import org.jspecify.annotations.NullMarked;
