package io.github.mcpstarter.lifecycle;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import io.github.mcpstarter.protocol.McpSessionStore;
import io.github.mcpstarter.transport.OpenStreams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Graceful shutdown with open streams: the streams end, and the container does not wait for them.
 */
class GracefulShutdownTests {

	@Test
	@Timeout(60)
	void closingTheContextEndsOpenStreamsInsteadOfWaitingForThem() throws Exception {
		// A long shutdown phase: were the streams left open, graceful shutdown would wait all of it.
		ConfigurableApplicationContext context = SpringApplication.run(ThreadReportingApplication.class,
				"--server.port=0", "--server.shutdown=graceful",
				"--spring.lifecycle.timeout-per-shutdown-phase=45s");
		int port = ((WebServerApplicationContext) context).getWebServer().getPort();
		HttpClient client = HttpClient.newHttpClient();
		CompletableFuture<HttpResponse<InputStream>> sse = client.sendAsync(
				HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/sse"))
					.header("Accept", "text/event-stream")
					.build(),
				HttpResponse.BodyHandlers.ofInputStream());
		InputStream stream = sse.get(10, TimeUnit.SECONDS).body();
		OpenStreams streams = context.getBean(OpenStreams.class);
		McpSessionStore sessions = context.getBean(McpSessionStore.class);
		await().atMost(Duration.ofSeconds(10)).until(() -> streams.count() == 1 && sessions.size() == 1);

		long started = System.nanoTime();
		context.close();
		Duration shutdown = Duration.ofNanos(System.nanoTime() - started);

		assertThat(shutdown).isLessThan(Duration.ofSeconds(30));
		assertThat(streams.count()).isZero();
		assertThat(sessions.size()).isZero();
		// The client sees its stream end: reading runs to the end instead of blocking.
		CompletableFuture<byte[]> rest = CompletableFuture.supplyAsync(() -> {
			try {
				return stream.readAllBytes();
			}
			catch (java.io.IOException ex) {
				return new byte[0];
			}
		});
		assertThat(rest.get(10, TimeUnit.SECONDS)).isNotNull();
	}

}
