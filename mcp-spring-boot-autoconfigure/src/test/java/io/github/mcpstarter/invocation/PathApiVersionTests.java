package io.github.mcpstarter.invocation;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.github.mcpstarter.fixture.PathVersionedApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An API versioned by path segment: each tool fills the version segment with its own version,
 * and the segment is no argument of the tool.
 */
@SpringBootTest(classes = PathVersionedApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "spring.mvc.apiversion.use.path-segment=1")
class PathApiVersionTests {

	@LocalServerPort
	int port;

	@Test
	void eachToolRunsItsOwnVersionThroughThePathSegment() {
		try (ToolCalls tools = new ToolCalls(this.port)) {
			assertThat(tools.inputSchema("things_v2").path("properties").propertyNames()).containsExactly("name");
			assertThat(tools.success("things_v1", Map.of("name", "a")).path("version").asString()).isEqualTo("1.0");
			assertThat(tools.success("things_v2", Map.of("name", "b")).path("version").asString()).isEqualTo("2.0");
		}
	}

}
