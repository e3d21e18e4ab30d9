package io.github.mcpstarter.invocation;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Rejected values and types in the words of the tool's schema, never as Java prints them. */
class ValidationMessagesTests {

	@Test
	void anArrayOfValuesIsShownAsTheValuesNotAsTheArraysToString() {
		assertThat(ValidationMessages.shown(new String[] { "1", "two" })).isEqualTo("'1', 'two'");
		assertThat(ValidationMessages.shown(new String[] { "two" })).isEqualTo("'two'");
		assertThat(ValidationMessages.shown(List.of("a"))).isEqualTo("'a'");
	}

	@Test
	void aValueThatIsNoTextNumberOrBooleanIsNotPrinted() {
		assertThat(ValidationMessages.shown(new Object())).isEqualTo("the value");
	}

	@Test
	void typesAreNamedAsTheSchemaNamesThem() {
		assertThat(ValidationMessages.describeType(long.class, null)).isEqualTo("integer");
		assertThat(ValidationMessages.describeType(Double.class, null)).isEqualTo("number");
		assertThat(ValidationMessages.describeType(boolean.class, null)).isEqualTo("boolean (true or false)");
		assertThat(ValidationMessages.describeType(UUID.class, null)).isEqualTo("UUID");
		assertThat(ValidationMessages.describeType(LocalDate.class, null)).isEqualTo("date");
		assertThat(ValidationMessages.describeType(StringBuilder.class, null)).isEqualTo("value");
	}

}
