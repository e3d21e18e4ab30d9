package io.github.mcpstarter.protocol;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.StringNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The modern era's {@code requestState}: whatever a client does to it, only the caller it was
 * issued to gets its answers back, on the very request it was issued for, once, before it expires.
 */
class RequestStatesTests {

	private final JsonMapper json = JsonMapper.builder().build();

	private final MutableClock clock = new MutableClock("2026-12-03T12:00:00Z");

	private final RequestStates states = new RequestStates(RequestStates.randomKey(), Duration.ofMinutes(10),
			this.clock, new SpentRequestStates.InMemory(1000, this.clock));

	private final SessionOwner alice = new SessionOwner("https://issuer", "alice", "agent");

	private final RequestStates.Binding cancelOrder1 = RequestStates.bind(this.alice, McpMethods.TOOLS_CALL,
			"cancel_order", this.json.readTree("{\"id\":1}"));

	private String issued() {
		return this.states.issue(this.cancelOrder1, Map.of("user_name", this.json.readTree("{\"action\":\"accept\"}")),
				List.of("mcp_confirmation"));
	}

	@Test
	void aStateCarriesItsAnswersAndWhatItAsked() {
		RequestStates.State state = this.states.verify(StringNode.valueOf(issued()), this.cancelOrder1);
		assertThat(state.asked()).containsExactly("mcp_confirmation");
		assertThat(state.answers().get("user_name").path("action").asString()).isEqualTo("accept");
	}

	@Test
	void argumentsInAnotherOrderAreTheSameRequest() {
		RequestStates.Binding one = RequestStates.bind(this.alice, McpMethods.TOOLS_CALL, "t",
				this.json.readTree("{\"a\":1,\"b\":{\"c\":2,\"d\":3}}"));
		RequestStates.Binding other = RequestStates.bind(this.alice, McpMethods.TOOLS_CALL, "t",
				this.json.readTree("{\"b\":{\"d\":3,\"c\":2},\"a\":1}"));
		assertThat(one).isEqualTo(other);
	}

	@Test
	void aChangedStateIsRefused() {
		String state = issued();
		assertInvalid(state + "-TAMPERED", this.cancelOrder1, "was not issued by this server, or it was changed");
		// One character of the payload changed, the signature kept.
		char flipped = (state.charAt(5) == 'A') ? 'B' : 'A';
		assertInvalid(state.substring(0, 5) + flipped + state.substring(6), this.cancelOrder1, "changed");
		assertInvalid("no-dot-at-all", this.cancelOrder1, "changed");
	}

	@Test
	void aStateSignedWithAnotherKeyIsRefused() {
		RequestStates other = new RequestStates(RequestStates.randomKey(), Duration.ofMinutes(10), this.clock,
				new SpentRequestStates.InMemory(10, this.clock));
		String foreign = other.issue(this.cancelOrder1, Map.of(), List.of("k"));
		assertInvalid(foreign, this.cancelOrder1, "was not issued by this server");
	}

	@Test
	void anotherCallerCannotUseIt() {
		String state = issued();
		SessionOwner sameUserOtherClient = new SessionOwner("https://issuer", "alice", "other-agent");
		assertInvalid(state, RequestStates.bind(sameUserOtherClient, McpMethods.TOOLS_CALL, "cancel_order",
				this.json.readTree("{\"id\":1}")), "another caller");
		assertInvalid(state, RequestStates.bind(null, McpMethods.TOOLS_CALL, "cancel_order",
				this.json.readTree("{\"id\":1}")), "another caller");
	}

	@Test
	void itCannotBeMovedToAnotherRequest() {
		String state = issued();
		assertInvalid(state, RequestStates.bind(this.alice, McpMethods.TOOLS_CALL, "cancel_order",
				this.json.readTree("{\"id\":2}")), "another request");
		assertInvalid(state, RequestStates.bind(this.alice, McpMethods.TOOLS_CALL, "delete_everything",
				this.json.readTree("{\"id\":1}")), "another request");
		assertInvalid(state, RequestStates.bind(this.alice, McpMethods.PROMPTS_GET, "cancel_order",
				this.json.readTree("{\"id\":1}")), "another request");
	}

	@Test
	void itIsUsedOnce() {
		String state = issued();
		this.states.verify(StringNode.valueOf(state), this.cancelOrder1);
		assertInvalid(state, this.cancelOrder1, "used already");
	}

	@Test
	void itExpires() {
		String state = issued();
		this.clock.advance(Duration.ofMinutes(10));
		assertInvalid(state, this.cancelOrder1, "expired");
	}

	@Test
	void aStateThatIsNoStringIsRefused() {
		assertInvalid(this.json.readTree("{\"forged\":true}"), this.cancelOrder1, "must be the string");
		assertInvalid(StringNode.valueOf("x".repeat(RequestStates.MAX_LENGTH + 1)), this.cancelOrder1, "longer");
	}

	@Test
	void spentStatesAreBoundedAndForgottenOnceExpired() {
		SpentRequestStates.InMemory spent = new SpentRequestStates.InMemory(3, this.clock);
		long expires = this.clock.millis() + 1000;
		assertThat(spent.spend("a", expires)).isTrue();
		assertThat(spent.spend("a", expires)).isFalse();
		spent.spend("b", expires);
		spent.spend("c", expires);
		spent.spend("d", expires);
		assertThat(spent.size()).isEqualTo(3);
		this.clock.advance(Duration.ofSeconds(2));
		spent.spend("e", this.clock.millis() + 1000);
		assertThat(spent.size()).isEqualTo(1);
	}

	@Test
	void aShortKeyIsRefused() {
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> new RequestStates(new byte[16], Duration.ofMinutes(1), this.clock,
					new SpentRequestStates.InMemory(1, this.clock)))
			.withMessageContaining("32 bytes");
	}

	private void assertInvalid(String state, RequestStates.Binding binding, String why) {
		assertInvalid(StringNode.valueOf(state), binding, why);
	}

	private void assertInvalid(JsonNode state, RequestStates.Binding binding, String why) {
		assertThatExceptionOfType(McpProtocolException.class).isThrownBy(() -> this.states.verify(state, binding))
			.satisfies((ex) -> {
				assertThat(ex.getError().code()).isEqualTo(JsonRpcError.ErrorCodes.INVALID_PARAMS);
				assertThat(ex.getMessage()).startsWith("Invalid requestState: ").contains(why);
			});
	}

}
