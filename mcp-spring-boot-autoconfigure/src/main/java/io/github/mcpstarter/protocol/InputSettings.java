package io.github.mcpstarter.protocol;

import java.time.Clock;
import java.time.Duration;

/**
 * How the server asks clients for input (elicitation, sampling, roots) and confirmations.
 *
 * @param timeout how long a legacy-era call waits for the client's answer (a user may be reading)
 * @param maxPendingPerPrincipal how many requests to its clients one principal may have waiting for an answer, over all its legacy sessions (each holds a request thread)
 * @param requestStates signs and checks the modern era's {@code requestState}
 * @param runUnconfirmed whether a tool that needs confirmation runs anyway for a client that cannot
 * ask its user; by default ({@code false}) it is refused, and nothing is done
 * @since 0.2.0
 */
public record InputSettings(Duration timeout, int maxPendingPerPrincipal, RequestStates requestStates,
		boolean runUnconfirmed) {

	public InputSettings {
		if (timeout.isNegative() || timeout.isZero()) {
			throw new IllegalArgumentException("timeout must be positive");
		}
		if (maxPendingPerPrincipal < 1) {
			throw new IllegalArgumentException("maxPendingPerPrincipal must be at least 1");
		}
	}

	/** Five minutes to answer, eight waiting requests a principal, a random key: for one instance and tests. */
	public static InputSettings defaults() {
		return new InputSettings(Duration.ofMinutes(5), 8, new RequestStates(RequestStates.randomKey(),
				Duration.ofMinutes(10), Clock.systemUTC(), new SpentRequestStates.InMemory(100_000, Clock.systemUTC())),
				false);
	}

}
