package io.github.mcpstarter.discovery;

import java.lang.annotation.Annotation;

import org.jspecify.annotations.Nullable;
import org.springframework.core.ResolvableType;

/**
 * One input of a published endpoint: an argument of the tool.
 *
 * @param name the argument's name in the tool's input, and the name of the path variable, query
 * parameter, header or cookie it travels as
 * @param source where it travels
 * @param type its Java type (for a body, the body's type; for {@code Optional<T>}, {@code T})
 * @param required whether the endpoint needs it
 * @param defaultValue the endpoint's default for it, or {@code null}
 * @param description what it means, from springdoc's {@code @Parameter} or {@code @Schema}, or {@code null}
 * @param annotations the annotations that constrain it (Bean Validation), from the parameter or the property
 * @param rules what Spring MVC itself accepts for it beyond its type (path regex, converted values, limits)
 */
public record EndpointParameter(String name, ParameterSource source, ResolvableType type, boolean required,
		@Nullable String defaultValue, @Nullable String description, Annotation[] annotations, ValueRules rules) {

	/** An input with no rules beyond its type and annotations. */
	public EndpointParameter(String name, ParameterSource source, ResolvableType type, boolean required,
			@Nullable String defaultValue, @Nullable String description, Annotation[] annotations) {
		this(name, source, type, required, defaultValue, description, annotations, ValueRules.NONE);
	}

	/** Whether it may carry several values, as a collection or an array does. */
	public boolean multiValued() {
		return this.type.isArray() || this.type.asCollection() != ResolvableType.NONE;
	}

	/** The type of one value: the element type of a collection or array, else the type itself. */
	public ResolvableType elementType() {
		if (this.type.isArray()) {
			return this.type.getComponentType();
		}
		return (this.type.asCollection() != ResolvableType.NONE) ? this.type.asCollection().getGeneric(0) : this.type;
	}

}
