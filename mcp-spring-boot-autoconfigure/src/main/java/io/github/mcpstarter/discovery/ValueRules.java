package io.github.mcpstarter.discovery;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What Spring MVC accepts for a non-body input beyond its Java type, as discovery learnt it from
 * the application's own MVC setup: its conversion service, the mapping's path regex, its Spring
 * Data web settings.
 *
 * @param pattern the regex a value must match (a path variable's {@code {id:\d+}}), anchored, in
 * ECMA-262 syntax as JSON Schema wants it, or {@code null}
 * @param javaPattern the same regex as MVC matches it (Java syntax, whole value), or {@code null}
 * @param allowedValues the only values the conversion service accepts (an enum's constant names),
 * or {@code null} when any value of the type is accepted
 * @param convertedByApplication whether the application converts the value with its own
 * {@code Converter}, whose accepted values cannot be known
 * @param minimum the least value MVC accepts, or {@code null}
 * @param maximum the greatest value MVC accepts, or {@code null}
 * @param verbatim whether each value of a multi-valued input reaches the endpoint as sent; when
 * not, MVC's conversion splits a lone value at its commas (as it does for any REST request)
 */
public record ValueRules(@Nullable String pattern, @Nullable String javaPattern, @Nullable List<String> allowedValues,
		boolean convertedByApplication, @Nullable Long minimum, @Nullable Long maximum, boolean verbatim) {

	/** No rules beyond the type. */
	public static final ValueRules NONE = new ValueRules(null, null, null, false, null, null, false);

	/** These rules with a path regex. */
	public ValueRules withPattern(@Nullable String ecmaPattern, String javaRegex) {
		return new ValueRules(ecmaPattern, javaRegex, this.allowedValues, this.convertedByApplication, this.minimum,
				this.maximum, this.verbatim);
	}

	/** Rules with limits only. */
	public static ValueRules range(@Nullable Long minimum, @Nullable Long maximum) {
		return new ValueRules(null, null, null, false, minimum, maximum, false);
	}

	/** The values an enum's conversion accepts. */
	public static ValueRules allowedValues(List<String> values) {
		return new ValueRules(null, null, List.copyOf(values), false, null, null, false);
	}

	/** Values converted by the application's own converter. */
	public static ValueRules applicationConverted() {
		return new ValueRules(null, null, null, true, null, null, false);
	}

	/** Values read as sent, never split. */
	public static ValueRules readVerbatim() {
		return new ValueRules(null, null, null, false, null, null, true);
	}

}
