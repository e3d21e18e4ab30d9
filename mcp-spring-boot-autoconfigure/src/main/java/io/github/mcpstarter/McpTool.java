package io.github.mcpstarter;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Publishes a Spring MVC handler method, or every handler method of a controller, as an MCP tool.
 *
 * <p>Nothing is published unless it carries this annotation. On a method it publishes that
 * endpoint; on a controller class it publishes all of the class's handler methods, and a method
 * annotated {@code @McpTool(exclude = true)} is left out. Attributes set on a method win over those
 * set on its class; on a class only the hints, {@link #headers()}, {@link #cookies()},
 * {@link #bodyName()} and {@link #exclude()} may be set.
 *
 * <p>A call to the tool runs the endpoint in-process through Spring MVC, exactly as the REST
 * request would run: conversion, {@code @Valid}, interceptors, {@code @ExceptionHandler}s and
 * message converters all apply.
 *
 * @see <a href="https://modelcontextprotocol.io/specification/2025-11-25/server/tools">MCP tools</a>
 * @since 0.1.0
 */
@Target({ ElementType.METHOD, ElementType.TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface McpTool {

	/**
	 * The tool's name, 1 to 128 characters of {@code A-Z a-z 0-9 _ - .}; defaults to the
	 * method's name in snake_case ({@code findOrders} becomes {@code find_orders}).
	 */
	String name() default "";

	/** A short human-readable title for user interfaces; none by default. */
	String title() default "";

	/**
	 * What the tool does, for the model. Defaults to springdoc's {@code @Operation} summary and
	 * description when present, else to a sentence built from the HTTP method and path.
	 */
	String description() default "";

	/** Whether the tool only reads; derived from the HTTP method (GET, HEAD) unless set. */
	Hint readOnly() default Hint.AUTO;

	/** Whether the tool may destroy data; derived from the HTTP method (DELETE) unless set. */
	Hint destructive() default Hint.AUTO;

	/** Whether repeating a call has no further effect; derived from the HTTP method (GET, PUT, DELETE) unless set. */
	Hint idempotent() default Hint.AUTO;

	/** Whether the tool reaches beyond this service (an open world of entities); unset by default. */
	Hint openWorld() default Hint.AUTO;

	/**
	 * Names of {@code @RequestHeader} parameters that become tool arguments. Other header
	 * parameters are not published; they receive the headers of the MCP request itself.
	 */
	String[] headers() default {};

	/**
	 * Names of {@code @CookieValue} parameters that become tool arguments, sent to the endpoint as
	 * cookies. Other cookie parameters are not published; they receive the cookies of the MCP
	 * request itself, so a required one that is not named here fails startup (no model could
	 * supply it).
	 * @since 0.1.0
	 */
	String[] cookies() default {};

	/**
	 * The name of the tool argument that carries the request body ({@code @RequestBody},
	 * {@code HttpEntity<T>}); defaults to the handler parameter's name. Validation errors in the
	 * body are reported under this name too ({@code order.lines[0].quantity}).
	 * @since 0.1.0
	 */
	String bodyName() default "";

	/**
	 * OAuth2 scopes a caller needs for this tool, besides those derived from the method's
	 * {@code @PreAuthorize("hasAuthority('SCOPE_...')")} or {@code @Secured("SCOPE_...")}. A caller
	 * without them does not see the tool, and calling it gets HTTP 403 with
	 * {@code error="insufficient_scope"} naming every scope it needs (scope step-up).
	 */
	String[] scopes() default {};

	/**
	 * Client capabilities the tool cannot do without (such as {@code sampling} or
	 * {@code elicitation}). A client of MCP 2026-07-28 declares its capabilities on every request;
	 * a call from one that does not declare these is refused with {@code -32021}, naming them.
	 * @since 0.2.0
	 */
	String[] clientCapabilities() default {};

	/**
	 * Whether the user must confirm each call before the endpoint runs. The server asks the user
	 * through the client (elicitation in MCP 2025-11-25, an input-required result in 2026-07-28),
	 * showing the tool and its arguments; a refusal ends the call with a result saying nothing was
	 * done, and the endpoint never runs. {@code AUTO} asks for destructive tools when
	 * {@code mcp.server.tools.confirm-destructive=true}, and never otherwise.
	 * @since 0.2.0
	 */
	Hint confirm() default Hint.AUTO;

	/** Leaves this handler method out when its class is annotated. */
	boolean exclude() default false;

	/** A tool hint: derived from the HTTP method, or set explicitly. */
	enum Hint {

		/** Derived from the HTTP method, or left unset when the method says nothing. */
		AUTO,

		/** The hint is true. */
		TRUE,

		/** The hint is false. */
		FALSE

	}

}
