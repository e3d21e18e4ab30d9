package io.github.mcpstarter.protocol;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A content block of a tool result.
 *
 * @see <a href="https://modelcontextprotocol.io/specification/2025-11-25/server/tools#tool-result">Content types</a>
 */
public sealed interface Content permits Content.Text, Content.Image, Content.Audio {

	/** The block's type discriminator ({@code text}, {@code image}, {@code audio}). */
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

}
