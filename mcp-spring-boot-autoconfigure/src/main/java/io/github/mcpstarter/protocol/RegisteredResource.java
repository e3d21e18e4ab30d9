package io.github.mcpstarter.protocol;

import org.jspecify.annotations.Nullable;

/**
 * A resource as published: its description and what reads it.
 *
 * @param resource what {@code resources/list} shows
 * @param reader what {@code resources/read} runs
 * @param origin what publishes it (the invoker of its Spring MVC endpoint), or {@code null}
 * @since 0.2.0
 */
public record RegisteredResource(Resource resource, ResourceReader reader, @Nullable Object origin)
		implements Offering {

	@Override
	public Kind kind() {
		return Kind.RESOURCE;
	}

	/** Its URI. */
	@Override
	public String name() {
		return this.resource.uri();
	}

}
