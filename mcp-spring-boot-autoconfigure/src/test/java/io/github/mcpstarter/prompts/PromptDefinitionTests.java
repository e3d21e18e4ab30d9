package io.github.mcpstarter.prompts;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.github.mcpstarter.McpPrompt;
import io.github.mcpstarter.discovery.McpToolDefinitionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Handlers that cannot be prompts fail startup, all of them at once, each problem naming the
 * handler and the fix.
 */
class PromptDefinitionTests {

	@Test
	void everyHandlerThatCannotBeAPromptIsReportedWithItsFix() {
		Throwable[] failure = new Throwable[1];
		assertThatThrownBy(() -> new SpringApplication(Unpromptable.class).run("--server.port=0",
				"--spring.main.banner-mode=off"))
			.satisfies((ex) -> failure[0] = ex);
		Throwable root = NestedExceptionUtils.getMostSpecificCause(failure[0]);
		assertThat(root).isInstanceOf(McpToolDefinitionException.class);
		List<String> problems = ((McpToolDefinitionException) root).getProblems();
		assertThat(problems).hasSize(5);
		assertThat(problems).anySatisfy((problem) -> assertThat(problem).contains("BadPrompts.withBody()")
			.contains("takes a request body, which a prompt cannot supply")
			.contains("Fix: take its inputs as @RequestParam or @PathVariable parameters"));
		assertThat(problems).anySatisfy((problem) -> assertThat(problem).contains("BadPrompts.withCookie()")
			.contains("requires a cookie")
			.contains("Fix: make the cookie optional"));
		assertThat(problems).anySatisfy((problem) -> assertThat(problem).contains("BadPrompts.withList()")
			.contains("parameter 'tags' takes several values")
			.contains("Fix: take a single value"));
		assertThat(problems).anySatisfy((problem) -> assertThat(problem).contains("BadPrompts.anyMethod()")
			.contains("it answers every HTTP method")
			.contains("Fix:"));
		assertThat(problems).anySatisfy((problem) -> assertThat(problem).contains("BadPrompts.badName()")
			.contains("prompt name 'no spaces'")
			.contains("Fix: set a valid @McpPrompt(name = \"...\")"));
		assertThat(problems).allSatisfy((problem) -> assertThat(problem).doesNotContain("@McpTool"));
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import(BadPrompts.class)
	static class Unpromptable {

	}

	@RestController
	static class BadPrompts {

		@McpPrompt
		@PostMapping("/body")
		String withBody(@RequestBody String text) {
			return text;
		}

		@McpPrompt
		@GetMapping("/cookie")
		String withCookie(@CookieValue String session) {
			return session;
		}

		@McpPrompt
		@GetMapping("/list")
		String withList(@RequestParam List<String> tags, @RequestParam Optional<String> fine) {
			return tags.toString();
		}

		@McpPrompt
		@RequestMapping("/any")
		String anyMethod() {
			return "any";
		}

		@McpPrompt(name = "no spaces")
		@GetMapping("/named")
		String badName() {
			return "named";
		}

		/** Fine as it stands: an optional cookie is MVC's to fill from the MCP request. */
		@McpPrompt
		@GetMapping("/fine")
		String fine(@CookieValue(required = false) String session, @RequestParam(defaultValue = "1") int page) {
			return "fine";
		}

	}

}
