package io.github.mcpstarter.protocol;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an instance holds of its sessions apart from their state: each session's stream, and what
 * its end undoes here, which happens once, whatever ended the session and however late an action
 * is registered.
 */
class LiveSessionsTests {

	private final MutableClock clock = new MutableClock("2026-12-03T12:00:00Z");

	private final InMemoryMcpSessionStore store = new InMemoryMcpSessionStore(Duration.ofMinutes(30), 10, this.clock);

	private final LiveSessions live = new LiveSessions(this.store);

	private McpSession open() {
		return this.store.create(null, TransportContext.STREAMABLE_HTTP, "2025-11-25", null);
	}

	@Test
	void aSessionsMessagesGoToItsStreamOnThisInstanceAndNowhereOnceItEnds() {
		McpSession session = open();
		List<JsonRpcMessage> heard = new ArrayList<>();
		assertThat(this.live.outbound(session)).isSameAs(McpMessageSink.NONE);
		this.live.attach(session, heard::add);
		JsonRpcMessage.Notification ping = new JsonRpcMessage.Notification("notifications/message", null);
		assertThat(this.live.outbound(session).send(ping)).isTrue();
		this.store.remove(session.id());
		assertThat(this.live.outbound(session).send(ping)).isFalse();
		assertThat(heard).containsExactly(ping);
		assertThat(this.live.size()).isZero();
	}

	@Test
	void endActionsRunOnceWhenTheSessionIsRemovedOrExpires() {
		McpSession removed = open();
		McpSession expired = open();
		AtomicInteger ends = new AtomicInteger();
		this.live.onEnd(removed, ends::incrementAndGet);
		this.live.onEnd(expired, ends::incrementAndGet);
		this.store.remove(removed.id());
		this.store.remove(removed.id());
		this.clock.advance(Duration.ofMinutes(31));
		assertThat(this.store.evictExpired()).isEqualTo(1);
		assertThat(ends).hasValue(2);
	}

	@Test
	void anActionRegisteredAfterTheEndRunsAtOnceAndLeavesNothingBehind() {
		McpSession session = open();
		this.store.remove(session.id());
		AtomicInteger ends = new AtomicInteger();
		this.live.onEnd(session, ends::incrementAndGet);
		this.live.attach(session, (message) -> true);
		assertThat(ends).hasValue(1);
		assertThat(this.live.outbound(session)).isSameAs(McpMessageSink.NONE);
		assertThat(this.live.size()).isZero();
	}

	@Test
	void everyStreamOfThisInstanceHearsABroadcast() {
		List<String> heard = new ArrayList<>();
		McpSession first = open();
		McpSession second = open();
		open();
		this.live.attach(first, (message) -> heard.add("first"));
		this.live.attach(second, (message) -> heard.add("second"));
		this.live.forEachOutbound((outbound) -> outbound.send(new JsonRpcMessage.Notification("x", null)));
		assertThat(heard).containsExactlyInAnyOrder("first", "second");
	}

}
