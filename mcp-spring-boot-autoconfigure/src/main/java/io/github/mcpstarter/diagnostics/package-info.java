/**
 * Failure analyzers: a misconfiguration that stops the application explains itself, with what to
 * change, instead of a stack trace.
 */
@NullMarked
package io.github.mcpstarter.diagnostics;

import org.jspecify.annotations.NullMarked;
