package io.github.mcpstarter.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.jspecify.annotations.Nullable;

/**
 * A content block of a tool result or a prompt message.
 *
 * @see <a href="https://modelcontextprotocol.io/specification/2025-11-25/server/tools#tool-result">Content types</a>
 */
public sealed interface Content
		permits Content.Text, Content.Image, Content.Audio, Content.Resource, Content.ResourceLink, Content.AsWritten {

	/**
	 * The block's type discriminator ({@code text}, {@code image}, {@code audio}, {@code resource},
	 * {@code resource_link}).
	 */
	String type();

	/** Text, for plain text and for the serialized form of structured content. */
	@JsonPropertyOrder({ "type", "text" })
	record Text(String type, String text) implements Content {

		public Text(String text) {
			this("text", text);
		}

	}

	/** An image, base64-encoded. */
	@JsonPropertyOrder({ "type", "data", "mimeType" })
	record Image(String type, String data, String mimeType) implements Content {

		public Image(String data, String mimeType) {
			this("image", data, mimeType);
		}

	}

	/** Audio, base64-encoded. */
	@JsonPropertyOrder({ "type", "data", "mimeType" })
	record Audio(String type, String data, String mimeType) implements Content {

		public Audio(String data, String mimeType) {
			this("audio", data, mimeType);
		}

	}

	/**
	 * A resource embedded in the result.
	 * @see <a href="https://modelcontextprotocol.io/specification/2025-11-25/server/tools#embedded-resources">Embedded resources</a>
	 */
	@JsonPropertyOrder({ "type", "resource" })
	record Resource(String type, EmbeddedResource resource) implements Content {

		public Resource(EmbeddedResource resource) {
			this("resource", resource);
		}

	}

	/**
	 * The contents of an embedded resource: text, or a base64 blob.
	 * @param uri the resource's URI
	 * @param mimeType its media type, or {@code null} when unknown
	 * @param text its text, when it is text
	 * @param blob its bytes, base64-encoded, when it is not text
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	@JsonPropertyOrder({ "uri", "mimeType", "text", "blob" })
	record EmbeddedResource(String uri, @Nullable String mimeType, @Nullable String text, @Nullable String blob) {

		public static EmbeddedResource text(String uri, @Nullable String mimeType, String text) {
			return new EmbeddedResource(uri, mimeType, text, null);
		}

		public static EmbeddedResource blob(String uri, @Nullable String mimeType, String blob) {
			return new EmbeddedResource(uri, mimeType, null, blob);
		}

	}

	/**
	 * A link to a resource the client may read, not its contents.
	 * @param uri the resource's URI
	 * @param name its name
	 * @param title its human-readable title, or {@code null}
	 * @param description what it is, or {@code null}
	 * @param mimeType its media type, or {@code null}
	 * @param size its size in bytes, or {@code null}
	 * @since 0.2.0
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	@JsonPropertyOrder({ "type", "uri", "name", "title", "description", "mimeType", "size" })
	record ResourceLink(String type, String uri, String name, @Nullable String title, @Nullable String description,
			@Nullable String mimeType, @Nullable Long size) implements Content {

		public ResourceLink(String uri, String name, @Nullable String title, @Nullable String description,
				@Nullable String mimeType, @Nullable Long size) {
			this("resource_link", uri, name, title, description, mimeType, size);
		}

	}

	/**
	 * A block as an endpoint wrote it, already checked against its type's shape, kept whole because
	 * it carries what the typed blocks do not ({@code annotations}, {@code _meta}).
	 *
	 * @param block the block, written as it is
	 * @since 0.2.0
	 */
	record AsWritten(@com.fasterxml.jackson.annotation.JsonValue tools.jackson.databind.JsonNode block) implements Content {

		@Override
		public String type() {
			return this.block.path("type").asString();
		}

	}

}
