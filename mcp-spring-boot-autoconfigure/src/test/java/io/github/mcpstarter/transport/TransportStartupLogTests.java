package io.github.mcpstarter.transport;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import io.github.mcpstarter.fixture.FixtureApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link TransportStartupLog}: at startup, one line per enabled transport with the URL clients
 * connect to (the port only known once the server listens), after the one summary of the tools.
 */
@ExtendWith(OutputCaptureExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TransportStartupLogTests {

	@Test
	void eachTransportIsAnnouncedWithItsUrlOnTheRealPortAndContextPath(CapturedOutput output) {
		try (ConfigurableApplicationContext context = run("--server.servlet.context-path=/api")) {
			int port = ((WebServerApplicationContext) context).getWebServer().getPort();
			assertThat(output.getAll()).containsOnlyOnce("Published 8 MCP tools in ")
				.contains("MCP Streamable HTTP transport at http://localhost:" + port + "/api/mcp")
				.contains("MCP legacy HTTP+SSE transport at http://localhost:" + port
						+ "/api/sse (messages to /sse/message)");
			assertThat(output.getAll().indexOf("Published 8 MCP tools"))
				.isLessThan(output.getAll().indexOf("MCP Streamable HTTP transport at"));
		}
	}

	@Test
	void publicUrlIsAnnouncedWhenSetAndDisabledTransportsAreNot(CapturedOutput output) {
		try (ConfigurableApplicationContext context = run("--mcp.server.public-url=https://api.example.com/",
				"--mcp.server.sse.enabled=false")) {
			assertThat(output.getAll()).contains("MCP Streamable HTTP transport at https://api.example.com/mcp")
				.doesNotContain("HTTP+SSE transport at");
		}
	}

	private static ConfigurableApplicationContext run(String... args) {
		String[] all = new String[args.length + 2];
		all[0] = "--server.port=0";
		all[1] = "--spring.main.banner-mode=off";
		System.arraycopy(args, 0, all, 2, args.length);
		return new SpringApplication(FixtureApplication.class).run(all);
	}

}
