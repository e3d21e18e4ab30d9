package io.github.mcpstarter.protocol;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link McpServer} under a client that sends what it should not: oversized values the server
 * would keep, parameters of the wrong type, and cancellations.
 */
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class McpServerHostileParamsTests {

	private final JsonMapper json = JsonMapper.builder().build();

	private final ToolRegistry tools = new ToolRegistry();

	private final InMemoryMcpSessionStore sessions = new InMemoryMcpSessionStore(Duration.ofMinutes(1), 10);

	private final McpServer server = new McpServer(new Implementation("test", null, "1"), null, this.tools,
			this.sessions, 10);

	@Test
	void objectCursorIsInvalidParams() {
		JsonRpcMessage.Response response = this.server.handle(request("tools/list", "{\"cursor\":{\"a\":1}}"),
				context(null));
		assertThat(response.error().code()).isEqualTo(-32602);
		assertThat(response.error().message()).contains("cursor");
	}

	@Test
	void oversizedClientValuesAreInvalidParamsNamingTheField() {
		String big = "x".repeat(10_000);
		assertInvalid("{\"protocolVersion\":\"2025-11-25\",\"clientInfo\":{\"name\":\"" + big + "\",\"version\":\"1\"}}",
				"clientInfo.name");
		assertInvalid("{\"protocolVersion\":\"2025-11-25\",\"clientInfo\":{\"name\":\"a\",\"version\":\"" + big + "\"}}",
				"clientInfo.version");
		assertInvalid("{\"protocolVersion\":\"2025-11-25\",\"clientInfo\":{\"name\":\"a\",\"title\":\"" + big
				+ "\",\"version\":\"1\"}}", "clientInfo.title");
		assertInvalid("{\"protocolVersion\":\"" + big + "\",\"clientInfo\":{\"name\":\"a\",\"version\":\"1\"}}",
				"protocolVersion");
		assertInvalid("{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{\"x\":\"" + big.repeat(10) + "\"}}",
				"capabilities");
		assertThat(this.sessions.size()).isZero();
	}

	@Test
	void oversizedProgressTokenAndCursorAreInvalidParams() {
		this.tools.publish(List.of(new RegisteredTool(tool("hi"), (arguments, context) -> CallToolResult.text("hi"))));
		String big = "x".repeat(10_000);
		JsonRpcMessage.Response call = this.server.handle(
				request("tools/call", "{\"name\":\"hi\",\"_meta\":{\"progressToken\":\"" + big + "\"}}"), context(null));
		assertThat(call.error().code()).isEqualTo(-32602);
		assertThat(call.error().message()).contains("progressToken");
		JsonRpcMessage.Response list = this.server.handle(request("tools/list", "{\"cursor\":\"" + big + "\"}"),
				context(null));
		assertThat(list.error().code()).isEqualTo(-32602);
		assertThat(list.error().message()).contains("cursor");
	}

	@Test
	void cancellationDoesNotInterruptTheToolByDefaultButTheToolSeesIt() throws Exception {
		CountDownLatch started = new CountDownLatch(1);
		AtomicBoolean interrupted = new AtomicBoolean();
		this.tools.publish(List.of(new RegisteredTool(tool("wait"), (arguments, context) -> {
			started.countDown();
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
			while (!context.isCancelled() && System.nanoTime() < deadline) {
				if (Thread.currentThread().isInterrupted()) {
					interrupted.set(true);
				}
				Thread.onSpinWait();
			}
			interrupted.compareAndSet(false, Thread.currentThread().isInterrupted());
			return CallToolResult.text("done");
		})));
		McpSession session = this.sessions.create(null, TransportContext.STREAMABLE_HTTP, "2025-11-25", null);
		CompletableFuture<JsonRpcMessage.Response> call = CompletableFuture
			.supplyAsync(() -> this.server.handle(request("tools/call", "{\"name\":\"wait\"}"), context(session)));
		assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
		this.server.handle(new JsonRpcMessage.Notification("notifications/cancelled",
				this.json.readTree("{\"requestId\":1}")), context(session));
		assertThat(call.get(5, TimeUnit.SECONDS)).as("a cancelled call has no response").isNull();
		assertThat(interrupted).as("the tool's thread was interrupted").isFalse();
	}

	private void assertInvalid(String params, String field) {
		JsonRpcMessage.Response response = this.server
			.serve(new JsonRpcMessage.Request(1L, "initialize", this.json.readTree(params)), new McpExchange() {

				@Override
				public TransportContext transport() {
					return TransportContext.EMPTY;
				}

				@Override
				public java.util.List<String> versions() {
					return ProtocolVersions.SUPPORTED;
				}

				@Override
				public McpSession openSession(String protocolVersion, Implementation clientInfo) {
					return McpServerHostileParamsTests.this.sessions.create(null, TransportContext.SSE, protocolVersion,
							clientInfo);
				}

			})
			.response();
		assertThat(response.error()).as(field).isNotNull();
		assertThat(response.error().code()).isEqualTo(-32602);
		assertThat(response.error().message()).contains(field);
	}

	private Tool tool(String name) {
		return new Tool(name, null, name, this.json.createObjectNode().put("type", "object"), null, null);
	}

	private JsonRpcMessage.Request request(String method, String params) {
		return new JsonRpcMessage.Request(1L, method, this.json.readTree(params));
	}

	private static McpRequestContext context(McpSession session) {
		return new McpRequestContext(session, ProtocolVersions.LATEST, TransportContext.EMPTY);
	}

}
