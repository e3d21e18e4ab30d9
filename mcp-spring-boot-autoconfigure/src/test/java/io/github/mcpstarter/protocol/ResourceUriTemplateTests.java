package io.github.mcpstarter.protocol;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Resource URI templates: what parses, what a URI gives each variable, and the hostile values a
 * match refuses (they would be other path segments once the endpoint's URL is built).
 */
class ResourceUriTemplateTests {

	@Test
	void uriWithoutVariablesIsNoTemplateAndMatchesOnlyItself() {
		ResourceUriTemplate uri = ResourceUriTemplate.parse("test://static-text");
		assertThat(uri.isTemplate()).isFalse();
		assertThat(uri.match("test://static-text")).isEmpty();
		assertThat(uri.match("test://static-text2")).isNull();
		assertThat(uri.match("test://static-tex")).isNull();
	}

	@Test
	void simpleVariableMatchesOneSegmentAndIsDecoded() {
		ResourceUriTemplate template = ResourceUriTemplate.parse("test://template/{id}/data");
		assertThat(template.variables()).containsExactly("id");
		assertThat(template.match("test://template/123/data")).isEqualTo(Map.of("id", "123"));
		assertThat(template.match("test://template/caf%C3%A9/data")).isEqualTo(Map.of("id", "café"));
		assertThat(template.match("test://template/a%20b/data")).isEqualTo(Map.of("id", "a b"));
		assertThat(template.match("test://template//data")).as("empty value").isNull();
		assertThat(template.match("test://template/1/2/data")).as("two segments").isNull();
		assertThat(template.match("test://template/123/dat")).isNull();
	}

	@Test
	void valuesThatWouldBeOtherPathSegmentsDoNotMatch() {
		ResourceUriTemplate template = ResourceUriTemplate.parse("files://{name}");
		assertThat(template.match("files://..")).isNull();
		assertThat(template.match("files://.")).isNull();
		assertThat(template.match("files://%2E%2E")).isNull();
		assertThat(template.match("files://..%2Fsecret")).isNull();
		assertThat(template.match("files://a%2Fb")).isNull();
		assertThat(template.match("files://a%5Cb")).isNull();
		assertThat(template.match("files://a%00b")).as("control character").isNull();
		assertThat(template.match("files://%FF")).as("no UTF-8").isNull();
		assertThat(template.match("files://a%2")).as("broken percent-encoding").isNull();
		assertThat(template.match("files://a?b")).as("reserved character, unencoded").isNull();
		assertThat(template.match("files://..a")).isEqualTo(Map.of("name", "..a"));
	}

	@Test
	void formStyleQueryGivesOptionalVariablesInAnyOrderEachOnce() {
		ResourceUriTemplate template = ResourceUriTemplate.parse("orders://all{?status,limit}");
		assertThat(template.variables()).isEmpty();
		assertThat(template.queryVariables()).containsExactly("status", "limit");
		assertThat(template.isTemplate()).isTrue();
		assertThat(template.match("orders://all")).isEmpty();
		assertThat(template.match("orders://all?limit=5&status=open%20now"))
			.isEqualTo(Map.of("limit", "5", "status", "open now"));
		assertThat(template.match("orders://all?status=")).isEqualTo(Map.of("status", ""));
		assertThat(template.match("orders://all?other=1")).isNull();
		assertThat(template.match("orders://all?status=a&status=b")).isNull();
		assertThat(template.match("orders://all?status=a/b")).isNull();
	}

	@Test
	void templatesBeyondLevelOneAndFormStyleQueryAreRefusedNamingTheProblem() {
		assertThatIllegalArgumentException().isThrownBy(() -> ResourceUriTemplate.parse("files://{+path}"))
			.withMessageContaining("{+path} is not supported");
		assertThatIllegalArgumentException().isThrownBy(() -> ResourceUriTemplate.parse("files://{path*}"))
			.withMessageContaining("not supported");
		assertThatIllegalArgumentException().isThrownBy(() -> ResourceUriTemplate.parse("x://{a}{b}"))
			.withMessageContaining("follows another variable");
		assertThatIllegalArgumentException().isThrownBy(() -> ResourceUriTemplate.parse("orders/{id}"))
			.withMessageContaining("scheme");
		assertThatIllegalArgumentException().isThrownBy(() -> ResourceUriTemplate.parse("x://{a"))
			.withMessageContaining("never closed");
		assertThatIllegalArgumentException().isThrownBy(() -> ResourceUriTemplate.parse("x://a}"))
			.withMessageContaining("closes no expression");
		assertThatIllegalArgumentException().isThrownBy(() -> ResourceUriTemplate.parse("x://{?a}/b"))
			.withMessageContaining("must come last");
		assertThatIllegalArgumentException().isThrownBy(() -> ResourceUriTemplate.parse("x://{a}/{a}"))
			.withMessageContaining("appears twice");
		assertThatIllegalArgumentException().isThrownBy(() -> ResourceUriTemplate.parse("x://a b"))
			.withMessageContaining("space");
	}

}
