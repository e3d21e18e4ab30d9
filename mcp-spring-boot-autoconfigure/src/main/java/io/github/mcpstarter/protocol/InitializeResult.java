package io.github.mcpstarter.protocol;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * The answer to {@code initialize}.
 *
 * @param protocolVersion the negotiated version
 * @param capabilities what this server offers
 * @param serverInfo this server's name and version
 * @param instructions how to use this server, for the model, or {@code null}
 * @see <a href="https://modelcontextprotocol.io/specification/2025-11-25/basic/lifecycle#initialization">Initialization</a>
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InitializeResult(String protocolVersion, ServerCapabilities capabilities, Implementation serverInfo,
		@Nullable String instructions) {

	/**
	 * The capabilities a tools server declares.
	 *
	 * @param tools the tools capability ({@code listChanged})
	 * @param logging the logging capability (an empty object)
	 */
	public record ServerCapabilities(Map<String, Object> tools, Map<String, Object> logging) {
	}

}
