/**
 * Runs a tool call in-process through Spring MVC: the arguments become an HTTP request (path,
 * query, headers, JSON body) that the application's own {@code DispatcherServlet} serves on the
 * calling thread, and the response it writes becomes the tool result. No loopback HTTP call is
 * made, and everything MVC does for the REST call (conversion, {@code @Valid}, interceptors,
 * {@code @ExceptionHandler}s, message converters) happens for the tool call too.
 */
@NullMarked
package io.github.mcpstarter.invocation;

import org.jspecify.annotations.NullMarked;
