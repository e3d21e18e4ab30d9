package io.github.mcpstarter.invocation;

import java.util.Map;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.github.mcpstarter.fixture.QueryVersionedApplication;

import static org.assertj.core.api.Assertions.assertThat;

/** An API versioned by query parameter, or by media type parameter: each tool sends its own version there. */
@SpringBootTest(classes = QueryVersionedApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class QueryApiVersionTests {

	@LocalServerPort
	int port;

	@Nested
	@SpringBootTest(classes = QueryVersionedApplication.class,
			webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "fixture.versions=media-type")
	class ByMediaTypeParameter {

		@LocalServerPort
		int port;

		@Test
		void eachToolRunsItsOwnVersionThroughTheAcceptedMediaType() {
			try (ToolCalls tools = new ToolCalls(this.port)) {
				assertThat(tools.success("report_v1", Map.of()).path("version").asString()).isEqualTo("1.0");
				assertThat(tools.success("report_v2", Map.of()).path("version").asString()).isEqualTo("2.0");
			}
		}

	}

	@Test
	void eachToolRunsItsOwnVersionThroughTheQueryParameter() {
		try (ToolCalls tools = new ToolCalls(this.port)) {
			assertThat(tools.success("report_v1", Map.of()).path("version").asString()).isEqualTo("1.0");
			assertThat(tools.success("report_v2", Map.of()).path("version").asString()).isEqualTo("2.0");
		}
	}

}
