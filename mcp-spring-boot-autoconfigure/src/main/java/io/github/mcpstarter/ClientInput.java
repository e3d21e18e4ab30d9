package io.github.mcpstarter;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

/**
 * Lets an endpoint ask for what only the client has: input from its user (elicitation), a
 * completion from its model (sampling), its roots. Declare it as a parameter of a handler method:
 *
 * <pre class="code">
 * &#64;McpTool
 * &#64;PostMapping("/orders/{id}/refund")
 * Refund refund(&#64;PathVariable long id, ClientInput input) {
 *     Elicitation answer = input.ask("How much should be refunded?",
 *             InputForm.of(InputForm.number("amount").required()));
 *     if (!answer.isAccepted()) {
 *         throw new ResponseStatusException(HttpStatus.CONFLICT, "No refund without an amount");
 *     }
 *     ...
 * }
 * </pre>
 *
 * The parameter is not a tool argument. How the client is asked depends on its protocol version:
 * in MCP 2025-11-25 the request goes to the client over its session and the endpoint waits for
 * the answer (up to {@code mcp.server.input.timeout}); in MCP 2026-07-28 the call ends with an
 * input-required result, the client retries it with the answers, and the endpoint runs again from
 * the start, getting them this time. So ask before doing anything that must not happen twice, and
 * let the exception that ends such a call pass (it is no error).
 *
 * <p>When the endpoint is called as plain REST, or the client declared no such capability, there
 * is nobody to ask: {@link #ask} answers {@link Elicitation.Action#UNAVAILABLE}, {@link #sample}
 * and {@link #roots} an empty {@code Optional}, so the endpoint stays an ordinary endpoint and
 * decides itself what to do without.
 *
 * <p>An answer is input from outside, like any argument: it is checked against the form, but the
 * endpoint validates what it means. Requests are identified by key within a call; without one,
 * they are numbered in the order asked, which is the same each time the endpoint runs.
 *
 * @see <a href="https://modelcontextprotocol.io/specification/2025-11-25/client/elicitation">Elicitation</a>
 * @see <a href="https://modelcontextprotocol.io/specification/2026-07-28/basic/patterns/mrtr">Multi round-trip requests</a>
 * @since 0.2.0
 */
public interface ClientInput {

	/** Nobody to ask: what a plain REST call gets. */
	ClientInput NONE = new ClientInput() {

		@Override
		public boolean canAsk() {
			return false;
		}

		@Override
		public boolean canSample() {
			return false;
		}

		@Override
		public boolean canListRoots() {
			return false;
		}

		@Override
		public Batch batch() {
			return new Batch() {

				@Override
				public Supplier<Elicitation> ask(String key, String message, InputForm form) {
					return Elicitation::unavailable;
				}

				@Override
				public Supplier<Elicitation> askAtUrl(String key, String message, URI url) {
					return Elicitation::unavailable;
				}

				@Override
				public Supplier<Optional<Sampled>> sample(String key, String prompt, int maxTokens) {
					return Optional::empty;
				}

				@Override
				public Supplier<Optional<List<Root>>> roots(String key) {
					return Optional::empty;
				}

				@Override
				public void await() {
				}

			};
		}

	};

	/** Whether the user can be asked with a form: there is a client, and it declared elicitation. */
	boolean canAsk();

	/** Whether the client's model can be asked (the client declared sampling). */
	boolean canSample();

	/** Whether the client can list its roots. */
	boolean canListRoots();

	/**
	 * Asks the user to fill in a form.
	 * @param message what to ask, in plain words
	 * @param form the fields
	 * @return the answer; {@link Elicitation.Action#UNAVAILABLE} when nobody can be asked
	 */
	default Elicitation ask(String message, InputForm form) {
		return ask(null, message, form);
	}

	/**
	 * Asks the user to fill in a form, under a key of the endpoint's choosing.
	 * @param key the request's key within the call, or {@code null} to number it
	 */
	default Elicitation ask(@Nullable String key, String message, InputForm form) {
		Batch batch = batch();
		Supplier<Elicitation> answer = batch.ask(key, message, form);
		batch.await();
		return answer.get();
	}

	/**
	 * Asks the user to do something at a URL, outside the client (sign in elsewhere, pay): the
	 * answer says whether they agreed to go; the endpoint learns the outcome from its own side.
	 */
	default Elicitation askAtUrl(@Nullable String key, String message, URI url) {
		Batch batch = batch();
		Supplier<Elicitation> answer = batch.askAtUrl(key, message, url);
		batch.await();
		return answer.get();
	}

	/**
	 * Asks the client's model for a completion of a prompt.
	 * @return the completion, or empty when the client cannot sample or gave none
	 */
	default Optional<Sampled> sample(@Nullable String key, String prompt, int maxTokens) {
		Batch batch = batch();
		Supplier<Optional<Sampled>> answer = batch.sample(key, prompt, maxTokens);
		batch.await();
		return answer.get();
	}

	/** The client's roots, or empty when it cannot list them. */
	default Optional<List<Root>> roots(@Nullable String key) {
		Batch batch = batch();
		Supplier<Optional<List<Root>>> answer = batch.roots(key);
		batch.await();
		return answer.get();
	}

	/**
	 * Several requests asked together: in MCP 2026-07-28 they go out in one input-required
	 * result, so the client gathers every answer in one round.
	 */
	Batch batch();

	/**
	 * Requests to send together: add them, {@link #await()}, then read each answer.
	 */
	interface Batch {

		Supplier<Elicitation> ask(@Nullable String key, String message, InputForm form);

		Supplier<Elicitation> askAtUrl(@Nullable String key, String message, URI url);

		Supplier<Optional<Sampled>> sample(@Nullable String key, String prompt, int maxTokens);

		Supplier<Optional<List<Root>>> roots(@Nullable String key);

		/** Sends what was added and waits for the answers (or, in MCP 2026-07-28, ends the call for them). */
		void await();

	}

	/**
	 * A completion of the client's model.
	 * @param text its text (empty when it answered with no text)
	 * @param model the model that made it, or {@code null}
	 */
	record Sampled(String text, @Nullable String model) {
	}

	/**
	 * One of the client's roots.
	 * @param uri its URI ({@code file:///...})
	 * @param name its name, or {@code null}
	 */
	record Root(String uri, @Nullable String name) {
	}

}
