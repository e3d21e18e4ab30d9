package io.github.mcpstarter.protocol;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * The answer to {@code initialize}.
 *
 * @param protocolVersion the negotiated version
 * @param capabilities what this server offers, by capability ({@code tools}, {@code logging}, ...)
 * @param serverInfo this server's name and version
 * @param instructions how to use this server, for the model, or {@code null}
 * @see <a href="https://modelcontextprotocol.io/specification/2025-11-25/basic/lifecycle#initialization">Initialization</a>
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InitializeResult(String protocolVersion, Map<String, Object> capabilities, Implementation serverInfo,
		@Nullable String instructions) {

}
