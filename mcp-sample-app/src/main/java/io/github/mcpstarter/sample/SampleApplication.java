package io.github.mcpstarter.sample;

import java.time.Clock;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * A small orders-and-inventory REST service whose {@code @McpTool} endpoints are also MCP tools.
 *
 * <p>The service is an ordinary Spring MVC application: the starter publishes the annotated
 * endpoints next to the REST API, and each tool call runs through the same controllers.
 */
@SpringBootApplication
public class SampleApplication {

	public static void main(String[] args) {
		SpringApplication.run(SampleApplication.class, args);
	}

	/** A bean rather than {@code Instant.now()} so that tests can pin the time of new orders. */
	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

}
