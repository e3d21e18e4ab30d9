package io.github.mcpstarter.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * A resource template as {@code resources/templates/list} describes it: a family of resources
 * whose URIs an RFC 6570 template describes.
 *
 * @param uriTemplate the template ({@code orders://{id}})
 * @param name its name
 * @param title a human-readable title, or {@code null}
 * @param description what its resources hold, for the model, or {@code null}
 * @param mimeType the media type of its resources' contents, or {@code null}
 * @see <a href="https://modelcontextprotocol.io/specification/2025-11-25/server/resources#resource-templates">Resource templates</a>
 * @since 0.2.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ResourceTemplate(String uriTemplate, String name, @Nullable String title, @Nullable String description,
		@Nullable String mimeType) {
}
