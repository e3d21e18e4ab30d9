package io.github.mcpstarter.protocol;

import java.util.List;

/**
 * The answer to {@code resources/read}: the resource's contents, each text or a base64 blob
 * ({@code TextResourceContents} and {@code BlobResourceContents} have the shape of an embedded
 * resource's contents, so the same record serves both).
 *
 * @param contents the contents, never empty: a resource that does not exist is an error
 * @see <a href="https://modelcontextprotocol.io/specification/2025-11-25/server/resources#reading-resources">Reading resources</a>
 * @since 0.2.0
 */
public record ReadResourceResult(List<Content.EmbeddedResource> contents) {

	public ReadResourceResult {
		if (contents.isEmpty()) {
			throw new IllegalArgumentException("A resource read has at least one content");
		}
		contents = List.copyOf(contents);
	}

}
