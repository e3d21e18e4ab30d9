package io.github.mcpstarter.invocation;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.github.mcpstarter.fixture.MvcArgumentsApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A rejected call's error names the argument, the place in it and what was wrong, in JSON terms:
 * never a Java type, a class name or an array's {@code toString()}.
 */
@SpringBootTest(classes = MvcArgumentsApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ArgumentErrorTextsTests {

	/** What a Java type or an array's toString() looks like in a text. */
	private static final String JAVA_TYPE = ".*(java\\.|io\\.github|\\[L|@[0-9a-f]{4,}|Cannot construct|`).*";

	@LocalServerPort
	int port;

	private ToolCalls tools;

	@BeforeEach
	void connect() {
		this.tools = new ToolCalls(this.port);
	}

	@AfterEach
	void close() {
		this.tools.close();
	}

	@Test
	void aBodyThatIsNotAnObjectSaysSoUnderTheBodysName() {
		String text = this.tools.error("create_order", Map.of("order", "notjson"));

		assertThat(text).contains("Invalid arguments", "order: expected an object").doesNotMatch(JAVA_TYPE);
	}

	@Test
	void aWrongValueInsideTheBodyIsNamedByItsPath() {
		String text = this.tools.error("create_order",
				Map.of("order", Map.of("customer", "ann", "lines", List.of(Map.of("sku", "A", "quantity", "many")))));

		assertThat(text).contains("order.lines[0].quantity: 'many' is not a valid integer").doesNotMatch(JAVA_TYPE);
	}

	@Test
	void aListWhereAnObjectBelongsSaysSo() {
		String text = this.tools.error("create_order", Map.of("order", Map.of("customer", "ann", "lines", "one")));

		assertThat(text).contains("order.lines: expected an array").doesNotMatch(JAVA_TYPE);
	}

	@Test
	void aValidationErrorInsideAListBodyKeepsItsIndex() {
		String text = this.tools.error("lines",
				Map.of("lines", List.of(Map.of("sku", "A", "quantity", 1), Map.of("sku", "B", "quantity", 0))));

		assertThat(text).contains("lines[1].quantity:").doesNotContain("lines.quantity");
	}

	@Test
	void aValidationErrorInARenamedBodyIsNamedByTheToolsArgument() {
		String text = this.tools.error("create_order",
				Map.of("order", Map.of("customer", "", "lines", List.of(Map.of("sku", "A", "quantity", 0)))));

		assertThat(text).contains("order.customer:", "order.lines[0].quantity:");
	}

	@Test
	void badListElementsAreShownAsSentNotAsAnArrayObject() {
		String text = this.tools.error("counts", Map.of("counts", List.of("1", "two")));

		assertThat(text).contains("counts:", "'two'", "is not a valid integer").doesNotMatch(JAVA_TYPE);
	}

	@Test
	void aBadEnumListsTheNamesMvcAccepts() {
		String text = this.tools.error("stock", Map.of("status", "in-stock"));

		assertThat(text).contains("status: 'in-stock' is not a valid value; use one of [IN_STOCK, SOLD_OUT]");
	}

}
