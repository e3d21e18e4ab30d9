package io.github.mcpstarter.protocol;

import java.util.ArrayList;
import java.util.List;

/**
 * What a server gives its features, for the unit tests of one feature: an access policy and a
 * page size the test sets, no observer, and the notifications the feature asked to send.
 */
final class FakeFeatureSupport implements McpFeature.Support {

	AccessPolicy policy = AccessPolicy.ALLOW_ALL;

	int pageSize = 10;

	final List<String> notified = new ArrayList<>();

	@Override
	public AccessPolicy accessPolicy() {
		return (offering, context) -> this.policy.check(offering, context);
	}

	@Override
	public int pageSize() {
		return this.pageSize;
	}

	@Override
	public ToolCallObserver observer() {
		return ToolCallObserver.NONE;
	}

	@Override
	public boolean interruptOnCancel() {
		return false;
	}

	final LiveSessions liveSessions = new LiveSessions(new InMemoryMcpSessionStore(java.time.Duration.ofMinutes(1), 10));

	@Override
	public LiveSessions liveSessions() {
		return this.liveSessions;
	}

	@Override
	public void notifyListeners(String notification, String listenFlag) {
		this.notified.add(notification + ":" + listenFlag);
	}

}
