package io.github.mcpstarter.fleet;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.github.mcpstarter.fleet.McpWire.Event;
import io.github.mcpstarter.fleet.McpWire.EventStream;
import io.github.mcpstarter.fleet.RoundRobinProxy.Routed;
import io.github.mcpstarter.protocol.RegisteredTool;
import io.github.mcpstarter.protocol.ToolRegistry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * A 2025-11-25 session's GET stream, dropped and resumed with {@code Last-Event-ID} on another
 * instance: it gets exactly the events it missed. Raw HTTP, to see the event ids. The
 * server-to-client messages are tool list changes ({@link FleetListChangedTests} says why).
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class FleetStreamResumptionTests {

	private static final String LIST_CHANGED = "notifications/tools/list_changed";

	private static Fleet fleet;

	private static String token;

	@BeforeAll
	static void startFleet() {
		fleet = Fleet.shared();
		token = fleet.token();
	}

	@Test
	void getStreamResumedOnAnotherInstanceGetsExactlyTheMissedEvents() throws Exception {
		McpWire wire = new McpWire(fleet.url(), token);
		String session = wire.initialize();
		ToolRegistry registry = fleet.instance(0).getBean(ToolRegistry.class);
		List<RegisteredTool> original = registry.tools();
		List<RegisteredTool> fewer = original.stream().filter((tool) -> !tool.name().equals("cancel_order")).toList();
		try {
			int mark = fleet.proxy().mark();
			Event seen;
			try (EventStream first = wire.openGetStream(session, null)) {
				assertThat(first.response().statusCode()).isEqualTo(200);
				registry.publish(fewer);
				seen = first.next((event) -> event.data().contains(LIST_CHANGED), Duration.ofSeconds(10));
				assertThat(seen.id()).as("event id of %s", seen).isNotBlank();
			}
			int firstHolder = getOn(mark, 0);

			// Missed while no stream is open: two more changes.
			registry.publish(original);
			registry.publish(fewer);
			Thread.sleep(300);

			try (EventStream resumed = wire.openGetStream(session, seen.id())) {
				assertThat(resumed.response().statusCode()).isEqualTo(200);
				int secondHolder = getOn(mark, 1);
				assertThat(secondHolder).as("the resumed stream's instance").isNotEqualTo(firstHolder);
				Event missed1 = resumed.next(Duration.ofSeconds(5));
				Event missed2 = resumed.next(Duration.ofSeconds(5));
				Event more = resumed.next(Duration.ofSeconds(1));
				assertThat(missed1).as("first missed event").isNotNull();
				assertThat(missed2).as("second missed event").isNotNull();
				assertThat(List.of(missed1, missed2)).allSatisfy((event) -> {
					assertThat(event.data()).contains(LIST_CHANGED);
					assertThat(event.id()).isNotBlank().isNotEqualTo(seen.id());
				});
				assertThat(missed1.id()).isNotEqualTo(missed2.id());
				assertThat(more).as("nothing but the missed events").isNull();
			}
		}
		finally {
			registry.publish(original);
			wire.delete(session);
		}
	}

	@Test
	void sessionDeletedOnAnotherInstanceEndsItsGetStream() throws Exception {
		McpWire wire = new McpWire(fleet.url(), token);
		String session = wire.initialize();
		int mark = fleet.proxy().mark();
		try (EventStream stream = wire.openGetStream(session, null)) {
			assertThat(stream.response().statusCode()).isEqualTo(200);
			int holder = getOn(mark, 0);
			HttpResponse<String> deleted = wire.delete(session);
			assertThat(deleted.statusCode()).as("DELETE: %s", deleted.body()).isIn(200, 202, 204);
			Routed delete = fleet.proxy()
				.routedSince(mark)
				.stream()
				.filter((routed) -> routed.method().equals("DELETE"))
				.findFirst()
				.orElseThrow();
			assertThat(delete.backend()).as("the DELETE's instance").isNotEqualTo(holder);
			// The instance holding the stream hears that the session ended, and ends the stream.
			Throwable ended = catchThrowable(() -> stream.ended().get(5, TimeUnit.SECONDS));
			// Ended, cleanly or not (ExecutionException), rather than still open (TimeoutException).
			assertThat(ended instanceof TimeoutException)
				.as("GET stream of the deleted session (on instance %s) still open 5 s after the DELETE: %s", holder,
						ended)
				.isFalse();
		}
	}

	/** The instance that served the n-th GET of {@code /mcp} since the mark. */
	private static int getOn(int mark, int n) {
		List<Routed> gets = fleet.proxy()
			.routedSince(mark)
			.stream()
			.filter((routed) -> routed.method().equals("GET") && routed.path().equals("/mcp"))
			.toList();
		assertThat(gets).as("GETs of /mcp").hasSizeGreaterThan(n);
		return gets.get(n).backend();
	}

}
