package io.github.mcpstarter.discovery;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ToolNames}.
 */
class ToolNamesTests {

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource({ "getOrderById, get_order_by_id", "findSKUs, find_skus", "getHTTPResponse, get_http_response",
			"v2Export, v2_export", "already_snake, already_snake", "orders, orders", "getOrderByID, get_order_by_id",
			"HTMLParser, html_parser", "getS3Object, get_s3_object", "get_Order, get_order", "getA, get_a",
			"X, x" })
	void snakeCaseOfJavaNameSplitsWordsAndAcronyms(String javaName, String expected) {
		assertThat(ToolNames.snakeCase(javaName)).isEqualTo(expected);
	}

	@Test
	void snakeCaseKeepsPluralAcronymTogetherInsideTheName() {
		assertThat(ToolNames.snakeCase("getURLsById")).isEqualTo("get_urls_by_id");
		assertThat(ToolNames.snakeCase("findSKUsByOwner")).isEqualTo("find_skus_by_owner");
	}

	@Test
	void nameOfOneCharacterIsValid() {
		assertThat(ToolNames.isValid("a")).isTrue();
	}

	@Test
	void nameOf128CharactersIsValid() {
		assertThat(ToolNames.isValid("a".repeat(128))).isTrue();
	}

	@Test
	void emptyNameIsInvalid() {
		assertThat(ToolNames.isValid("")).isFalse();
	}

	@Test
	void nameOf129CharactersIsInvalid() {
		assertThat(ToolNames.isValid("a".repeat(129))).isFalse();
	}

	@ParameterizedTest
	@ValueSource(strings = { "get_order", "orders.export", "export-v2", "Admin.Orders_v2-list", "0", "_", ".", "-" })
	void lettersDigitsUnderscoresDotsAndDashesAreValid(String name) {
		assertThat(ToolNames.isValid(name)).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "has space", "orders/export", "état", "naïve_name", "日本", "tab\tname", "line\n",
			"get:order", "get,order", "emoji😀" })
	void spacesSlashesUnicodeAndOtherCharactersAreInvalid(String name) {
		assertThat(ToolNames.isValid(name)).isFalse();
	}

}
