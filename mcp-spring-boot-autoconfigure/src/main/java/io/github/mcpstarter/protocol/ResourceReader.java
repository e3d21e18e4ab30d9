package io.github.mcpstarter.protocol;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Reads one resource, or one resource of a template.
 *
 * @since 0.2.0
 */
@FunctionalInterface
public interface ResourceReader {

	/**
	 * Reads the resource.
	 * @param uri the URI the client asked for
	 * @param variables the values the URI gives the template's variables (percent-decoded), empty
	 * for a resource that is no template's
	 * @param context the request's context
	 * @return the contents, or {@code null} when there is no such resource (the endpoint answered
	 * 404, or refused the caller), which the client is told as for an unknown URI
	 * @throws McpProtocolException when the read is refused, with the error to answer
	 */
	@Nullable ReadResourceResult read(String uri, Map<String, String> variables, McpRequestContext context);

}
