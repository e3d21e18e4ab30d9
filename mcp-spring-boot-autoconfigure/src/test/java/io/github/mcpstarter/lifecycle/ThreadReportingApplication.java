package io.github.mcpstarter.lifecycle;

import java.lang.reflect.Method;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import io.github.mcpstarter.McpTool;

/**
 * An application with one tool that says which kind of thread ran it.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(ThreadReportingApplication.ThreadController.class)
class ThreadReportingApplication {

	@RestController
	static class ThreadController {

		@McpTool(description = "Says whether the call runs on a virtual thread")
		@GetMapping("/thread")
		ThreadReport thread() throws ReflectiveOperationException {
			// Thread.isVirtual() exists from Java 21; the project compiles for 17.
			Method isVirtual = Thread.class.getMethod("isVirtual");
			return new ThreadReport((boolean) isVirtual.invoke(Thread.currentThread()));
		}

	}

	record ThreadReport(boolean virtual) {
	}

}
