package io.github.mcpstarter.protocol;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.io.SerializedString;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.POJONode;
import tools.jackson.databind.util.RawValue;

/**
 * A JSON document that is known to be well-formed, kept as the UTF-8 bytes it was written in and
 * as text. Written raw, it costs a copy of its bytes: no parse into a tree, no re-encoding.
 *
 * <p>An endpoint's JSON body travels in a tool result twice, as {@code structuredContent} and as
 * the text of a content block; {@link JsonRpcCodec} writes both from these bytes.
 *
 * @since 0.1.0
 */
public final class RawJson extends SerializedString {

	private static final long serialVersionUID = 1L;

	private RawJson(String text, byte[] utf8) {
		super(text);
		// Jackson's UTF-8 generator appends these bytes as they are (SerializedString caches them here).
		this._unquotedUTF8Ref = utf8;
	}

	/**
	 * @param utf8 a well-formed JSON document, encoded in UTF-8 as far as the caller knows; the
	 * caller must have checked that it is one document, since it is written into messages as it is
	 * @return the document; bytes that are not valid UTF-8 (overlong forms, surrogates, code points
	 * past U+10FFFF, which a JSON parser skipping the document lets through) are replaced by U+FFFD,
	 * so that what is written is always valid UTF-8 and always the text
	 */
	public static RawJson ofWellFormed(byte[] utf8) {
		String text = new String(utf8, StandardCharsets.UTF_8);
		// The decoder writes U+FFFD for every malformed sequence; only then can the bytes be bad.
		// (Indexing a Latin-1 string for it returns at once.)
		if (text.indexOf('\uFFFD') >= 0 && !isValidUtf8(utf8)) {
			return new RawJson(text, text.getBytes(StandardCharsets.UTF_8));
		}
		return new RawJson(text, utf8);
	}

	private static boolean isValidUtf8(byte[] bytes) {
		try {
			StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(bytes));
			return true;
		}
		catch (CharacterCodingException ex) {
			return false;
		}
	}

	/** The document as text. */
	public String text() {
		return getValue();
	}

	/** The document in UTF-8; not to be modified. */
	public byte[] utf8() {
		return asUnquotedUTF8();
	}

	/** The document as a node that Jackson writes raw, for {@code structuredContent}. */
	public JsonNode toNode() {
		return JsonNodeFactory.instance.rawValueNode(new RawValue(this));
	}

	/** The document behind a node made by {@link #toNode()}, or {@code null} for any other node. */
	static @Nullable RawJson of(@Nullable JsonNode node) {
		if (node instanceof POJONode pojo && pojo.getPojo() instanceof RawValue raw
				&& raw.rawValue() instanceof RawJson json) {
			return json;
		}
		return null;
	}

}
