package io.github.mcpstarter.protocol;

import org.jspecify.annotations.Nullable;

/**
 * A resource template as published: its description, its parsed URI template, and what reads
 * the resources it matches.
 *
 * @param template what {@code resources/templates/list} shows
 * @param uriTemplate the parsed template, which matches the URIs of its resources
 * @param reader what {@code resources/read} runs for a matching URI
 * @param origin what publishes it (the invoker of its Spring MVC endpoint), or {@code null}
 * @since 0.2.0
 */
public record RegisteredResourceTemplate(ResourceTemplate template, ResourceUriTemplate uriTemplate,
		ResourceReader reader, @Nullable Object origin) implements Offering {

	public RegisteredResourceTemplate {
		if (!template.uriTemplate().equals(uriTemplate.text())) {
			throw new IllegalArgumentException("The template's uriTemplate must be the parsed template's text");
		}
	}

	/** A template made by hand. */
	public RegisteredResourceTemplate(ResourceTemplate template, ResourceReader reader) {
		this(template, ResourceUriTemplate.parse(template.uriTemplate()), reader, null);
	}

	@Override
	public Kind kind() {
		return Kind.RESOURCE_TEMPLATE;
	}

	/** Its URI template. */
	@Override
	public String name() {
		return this.template.uriTemplate();
	}

}
