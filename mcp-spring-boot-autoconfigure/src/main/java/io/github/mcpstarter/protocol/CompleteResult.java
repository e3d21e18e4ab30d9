package io.github.mcpstarter.protocol;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * The answer to {@code completion/complete}: suggestions for one argument's value.
 *
 * @param completion the suggestions
 * @see <a href="https://modelcontextprotocol.io/specification/2025-11-25/server/utilities/completion">Completion</a>
 * @since 0.2.0
 */
public record CompleteResult(Completion completion) {

	/** The most values one answer carries, as the specification says. */
	public static final int MAX_VALUES = 100;

	/** No suggestions. */
	public static final CompleteResult NONE = new CompleteResult(new Completion(List.of(), 0, false));

	/**
	 * Suggestions.
	 *
	 * @param values at most {@link #MAX_VALUES} values, best first
	 * @param total how many values there are in all, if known
	 * @param hasMore whether there are more than those given
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record Completion(List<String> values, @Nullable Integer total, @Nullable Boolean hasMore) {

		public Completion {
			values = List.copyOf(values);
		}

	}

	/**
	 * The answer for a list of matching values: the first {@link #MAX_VALUES}, with the total.
	 * @param matching every matching value, best first
	 * @return the answer
	 */
	public static CompleteResult of(List<String> matching) {
		List<String> values = (matching.size() > MAX_VALUES) ? matching.subList(0, MAX_VALUES) : matching;
		return new CompleteResult(new Completion(values, matching.size(), matching.size() > MAX_VALUES));
	}

}
