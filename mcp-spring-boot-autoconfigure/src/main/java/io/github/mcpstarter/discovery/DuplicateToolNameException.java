package io.github.mcpstarter.discovery;

import java.util.List;

/**
 * Thrown at startup when the only thing wrong with the annotated endpoints is that two or more of
 * them would publish tools of the same name. (Together with other problems, all of them are
 * reported as a plain {@link McpToolDefinitionException}.)
 *
 * @since 0.1.0
 */
public class DuplicateToolNameException extends McpToolDefinitionException {

	public DuplicateToolNameException(List<String> problems) {
		super(problems);
	}

}
