package io.github.mcpstarter.protocol;

import org.jspecify.annotations.Nullable;

/**
 * Something the server offers its clients by name: a tool, a resource, a resource template, a
 * prompt. The protocol core lists, finds and authorizes offerings of every kind the same way; what
 * stands behind one (the in-process invoker of a Spring MVC endpoint, for those the starter
 * publishes) is its {@link #origin()}, which only the components that know it read.
 *
 * @since 0.2.0
 */
public interface Offering {

	/** What kind of offering this is. */
	Kind kind();

	/** Its name: a tool's or a prompt's name, a resource's URI, a resource template's URI template. */
	String name();

	/**
	 * What publishes it and runs it, for the components that know such things (access policies,
	 * the Actuator endpoint); opaque to the protocol core.
	 * @return the origin, or {@code null} for an offering made by hand
	 */
	@Nullable Object origin();

	/** The kinds of offering, each a feature of the protocol. */
	enum Kind {

		TOOL, RESOURCE, RESOURCE_TEMPLATE, PROMPT

	}

}
