package io.github.mcpstarter.protocol;

/**
 * The published resource templates, in the order a read tries them, looked up by URI template.
 *
 * @since 0.2.0
 */
public class ResourceTemplateRegistry extends OfferingRegistry<RegisteredResourceTemplate> {

	public ResourceTemplateRegistry() {
		super("resource template", RegisteredResourceTemplate::template);
	}

}
