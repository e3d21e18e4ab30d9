package io.github.mcpstarter.sample.config;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** {@code sample.authorization-server.resources}, as {@link ResourceIndicators} reads it. */
class ResourceIndicatorsTests {

	@Test
	void withoutConfiguredResourcesTheIssuersOwnAreServedWithTheMcpEndpointFirst() {
		ResourceIndicators indicators = new ResourceIndicators(List.of());

		assertThat(indicators.resources("http://localhost:8080/")).containsExactly("http://localhost:8080/mcp",
				"http://localhost:8080/sse", "http://localhost:8080");
		assertThat(indicators.defaultResource("http://localhost:8080")).isEqualTo("http://localhost:8080/mcp");
	}

	@Test
	void configuredResourcesReplaceTheDefaultAndTheFirstIsTheDefaultAudience() {
		ResourceIndicators indicators = new ResourceIndicators(
				List.of("http://localhost:9090/mcp/", "http://localhost:8080/mcp"));

		assertThat(indicators.resources("http://localhost:8080")).containsExactly("http://localhost:9090/mcp",
				"http://localhost:8080/mcp");
		assertThat(indicators.defaultResource("http://localhost:8080")).isEqualTo("http://localhost:9090/mcp");
	}

	@Test
	void aResourceThatIsNoAbsoluteUriWithoutFragmentFailsNamingTheProperty() {
		for (String resource : List.of("localhost:9090/mcp", "/mcp", "http://localhost:9090/mcp#x", "http://a b")) {
			assertThatExceptionOfType(InvalidConfigurationPropertyValueException.class)
				.as(resource)
				.isThrownBy(() -> new ResourceIndicators(List.of(resource)))
				.satisfies((ex) -> assertThat(ex.getName()).isEqualTo("sample.authorization-server.resources"));
		}
	}

}
