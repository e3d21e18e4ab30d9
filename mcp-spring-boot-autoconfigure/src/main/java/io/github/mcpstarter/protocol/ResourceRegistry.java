package io.github.mcpstarter.protocol;

/**
 * The published resources, in a stable order, looked up by URI.
 *
 * @since 0.2.0
 */
public class ResourceRegistry extends OfferingRegistry<RegisteredResource> {

	public ResourceRegistry() {
		super("resource", RegisteredResource::resource);
	}

}
