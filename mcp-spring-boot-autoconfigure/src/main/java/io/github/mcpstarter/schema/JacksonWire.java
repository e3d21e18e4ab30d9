package io.github.mcpstarter.schema;

import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.time.temporal.Temporal;
import java.time.temporal.TemporalAmount;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.classmate.ResolvedType;
import com.fasterxml.classmate.members.HierarchicType;
import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonIncludeProperties;
import com.github.victools.jsonschema.generator.CustomDefinition;
import com.github.victools.jsonschema.generator.CustomDefinitionProviderV2;
import com.github.victools.jsonschema.generator.CustomPropertyDefinition;
import com.github.victools.jsonschema.generator.FieldScope;
import com.github.victools.jsonschema.generator.SchemaGenerationContext;
import org.jspecify.annotations.Nullable;
import org.springframework.util.ClassUtils;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.annotation.JsonSerialize;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.cfg.MapperConfig;
import tools.jackson.databind.deser.ValueInstantiator;
import tools.jackson.databind.deser.bean.BeanDeserializerBase;
import tools.jackson.databind.introspect.AnnotatedMember;
import tools.jackson.databind.introspect.BeanPropertyDefinition;
import tools.jackson.databind.introspect.PotentialCreators;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.ser.BeanPropertyWriter;
import tools.jackson.databind.ser.PropertyWriter;
import tools.jackson.databind.ser.bean.BeanSerializerBase;
import tools.jackson.databind.ser.jackson.JsonValueSerializer;
import tools.jackson.databind.ser.std.ToStringSerializerBase;

/**
 * What the application's own {@link JsonMapper} really reads or writes for a type: the property
 * names after its naming strategy, mix-ins and creators, which properties exist in that
 * direction, whether nulls are written, and whether the type is a bean at all (a
 * {@code @JsonValue}, a delegating {@code @JsonCreator}, a custom serializer).
 *
 * <p>victools' Jackson module reads annotations from the Java members, which misses everything the
 * mapper is configured with; so the generator asks the mapper first and lets victools describe
 * only what Jackson treats as a plain bean.
 */
final class JacksonWire {

	/** Marks a property's own format pattern in {@link WireProperty#writtenShape()}. */
	private static final String PATTERN = "pattern:";

	/** The keyword that marks a type whose written shape cannot be known; never published. */
	static final String UNKNOWN = "x-mcp-unknown-shape";

	/** Which side of the wire is described. */
	enum Direction {

		/** What the mapper deserializes: the tool's input. */
		READ,

		/** What the mapper serializes: the tool's output. */
		WRITE

	}

	private static final boolean SWAGGER_PRESENT = ClassUtils.isPresent("io.swagger.v3.oas.annotations.media.Schema",
			JacksonWire.class.getClassLoader());

	/** Marks a type Jackson could not introspect (a map cannot hold {@code null}). */
	private static final Map<String, WireProperty> NOT_A_BEAN = new HashMap<>();

	private final JsonMapper mapper;

	private final Direction direction;

	/** Per bean class: Java member name to the property as Jackson sees it in this direction. */
	private final Map<Class<?>, Map<String, WireProperty>> properties = new ConcurrentHashMap<>();

	JacksonWire(JsonMapper mapper, Direction direction) {
		this.mapper = mapper;
		this.direction = direction;
	}

	/** The JSON name of the property a field backs, or {@code null} to leave it to the other resolvers. */
	@Nullable String propertyName(FieldScope field) {
		WireProperty property = property(field);
		return (property != null) ? property.name() : null;
	}

	/** Whether the field is no property of the JSON the mapper reads or writes for its type. */
	boolean ignored(FieldScope field) {
		Map<String, WireProperty> bean = bean(owner(field));
		return bean != null && !bean.containsKey(field.getRawMember().getName());
	}

	/**
	 * Whether the mapper may write {@code null} for the field: never when its inclusion rule leaves
	 * nulls out; always for an object the type does not promise to be there (Jackson writes nulls
	 * by default, and springdoc's {@code @Schema(nullable = false)} is only its default); else
	 * {@code null}, for the Bean Validation module to decide from {@code @NotNull}.
	 */
	@Nullable Boolean nullable(FieldScope field) {
		if (this.direction == Direction.READ || field.isFakeContainerItemScope()) {
			return null;
		}
		WireProperty property = property(field);
		if (property != null && property.nullsSuppressed()) {
			return Boolean.FALSE;
		}
		if (field.getType().getErasedType().isPrimitive() || promisedNotNull(field)) {
			return null;
		}
		return Boolean.TRUE;
	}

	private static boolean promisedNotNull(FieldScope field) {
		for (java.lang.annotation.Annotation annotation : field.getRawMember().getAnnotations()) {
			Class<?> type = annotation.annotationType();
			if (type.getPackageName().equals("jakarta.validation.constraints")
					&& type.getSimpleName().startsWith("Not")) {
				return true;
			}
		}
		return false;
	}

	private @Nullable WireProperty property(FieldScope field) {
		if (field.isFakeContainerItemScope()) {
			return null;
		}
		Map<String, WireProperty> bean = bean(owner(field));
		return (bean != null) ? bean.get(field.getRawMember().getName()) : null;
	}

	/**
	 * The class whose JSON the field is part of: the type being described, not the superclass
	 * that declares an inherited field. The subclass's own naming, ignorals and mix-ins decide the
	 * names of the fields it inherits, as Jackson reads and writes it.
	 */
	private static Class<?> owner(FieldScope field) {
		List<HierarchicType> types = field.getDeclaringTypeMembers().mainTypeAndOverrides();
		for (int i = types.size() - 1; i >= 0; i--) {
			if (!types.get(i).isMixin()) {
				return types.get(i).getErasedType();
			}
		}
		return field.getDeclaringType().getErasedType();
	}

	private @Nullable Map<String, WireProperty> bean(Class<?> type) {
		if (!describable(type)) {
			return null;
		}
		Map<String, WireProperty> bean = this.properties.computeIfAbsent(type, this::introspect);
		return (bean == NOT_A_BEAN) ? null : bean;
	}

	private Map<String, WireProperty> introspect(Class<?> type) {
		JavaType javaType = this.mapper.constructType(type);
		Map<String, WireProperty> bean = new HashMap<>();
		try {
			BeanDescription description = (this.direction == Direction.READ)
					? this.mapper._deserializationContext().introspectBeanDescription(javaType)
					: this.mapper._serializationContext().introspectBeanDescription(javaType);
			Map<String, Boolean> suppressed = (this.direction == Direction.WRITE) ? suppressedNulls(javaType)
					: Map.of();
			// Class-level ignorals and inclusions are applied by the (de)serializer, not by the
			// introspection: the properties still list them.
			MapperConfig<?> config = (this.direction == Direction.READ) ? this.mapper.deserializationConfig()
					: this.mapper.serializationConfig();
			JsonIgnoreProperties.Value ignorals = config.getDefaultPropertyIgnorals(type, description.getClassInfo());
			Set<String> ignored = (this.direction == Direction.READ) ? ignorals.findIgnoredForDeserialization()
					: ignorals.findIgnoredForSerialization();
			JsonIncludeProperties.Value inclusions = config.getDefaultPropertyInclusions(type,
					description.getClassInfo());
			Set<String> included = (inclusions != null) ? inclusions.getIncluded() : null;
			for (BeanPropertyDefinition definition : description.findProperties()) {
				boolean present = (this.direction == Direction.READ) ? definition.couldDeserialize()
						: definition.couldSerialize();
				if (!present || ignored.contains(definition.getName())
						|| (included != null && !included.contains(definition.getName()))) {
					continue;
				}
				WireProperty property = new WireProperty(definition.getName(),
						suppressed.getOrDefault(definition.getName(), false),
						ownShape(type, definition));
				if (definition.getField() != null) {
					bean.put(definition.getField().getName(), property);
				}
				bean.putIfAbsent(definition.getInternalName(), property);
			}
		}
		catch (RuntimeException ex) {
			// A type Jackson cannot introspect: victools' own description stands.
			return NOT_A_BEAN;
		}
		return bean;
	}

	/**
	 * The shape a property's own serializer or format gives it, where that is not its type's:
	 * {@code "string"} for a to-string serializer, {@code @JsonFormat(shape = STRING)} or a format
	 * pattern; when written, an {@link #UNKNOWN} reason for any other serializer or shape;
	 * {@code null} when the type decides.
	 */
	private @Nullable String ownShape(Class<?> owner, BeanPropertyDefinition definition) {
		boolean write = this.direction == Direction.WRITE;
		AnnotatedMember member = write ? definition.getAccessor() : definition.getMutator();
		if (member == null) {
			member = definition.getPrimaryMember();
		}
		if (member == null) {
			return null;
		}
		String where = owner.getName() + "." + definition.getName();
		JsonSerialize serialize = member.getAnnotation(JsonSerialize.class);
		if (write && serialize != null && serialize.using() != ValueSerializer.None.class) {
			return ToStringSerializerBase.class.isAssignableFrom(serialize.using()) ? "string"
					: where + ": it is written by the custom serializer " + serialize.using().getName();
		}
		JsonFormat format = member.getAnnotation(JsonFormat.class);
		if (format == null) {
			return null;
		}
		// A pattern makes a string of a date or a number, and not in the format its type implies.
		if (!format.pattern().isEmpty()) {
			return PATTERN + format.pattern();
		}
		// Written as a string; read from a string or from the type's own form, which is described.
		if (write && format.shape() == JsonFormat.Shape.STRING) {
			return "string";
		}
		if (write && format.shape() != JsonFormat.Shape.ANY && format.shape() != JsonFormat.Shape.NATURAL) {
			return where + ": @JsonFormat(shape = " + format.shape() + ") decides its shape";
		}
		return null;
	}

	/** The schema of a property whose own serializer or format decides its shape, else {@code null}. */
	@Nullable CustomPropertyDefinition propertyDefinition(FieldScope field, SchemaGenerationContext context) {
		WireProperty property = property(field);
		if (property == null || property.writtenShape() == null) {
			return null;
		}
		ObjectNode node = context.getGeneratorConfig().createObjectNode();
		if (property.writtenShape().equals("string")) {
			node.put("type", "string");
		}
		else if (property.writtenShape().startsWith(PATTERN)) {
			node.put("type", "string");
			String example = example(field.getType().getErasedType(), property.writtenShape().substring(PATTERN.length()));
			if (example != null) {
				// The pattern is Java's, not a regex: an example shows a model what it means.
				node.putArray("examples").add(example);
			}
		}
		else {
			node.put(UNKNOWN, property.writtenShape());
		}
		return new CustomPropertyDefinition(node);
	}

	/** A fixed moment of the type written with the pattern, or {@code null} for other types or a bad pattern. */
	private static @Nullable String example(Class<?> type, String pattern) {
		java.time.LocalDateTime moment = java.time.LocalDateTime.of(2026, 3, 4, 5, 6, 7);
		try {
			java.time.format.DateTimeFormatter formatter = java.time.format.DateTimeFormatter.ofPattern(pattern);
			Temporal value = (type == java.time.LocalDate.class) ? moment.toLocalDate()
					: (type == java.time.LocalTime.class) ? moment.toLocalTime()
							: (type == java.time.LocalDateTime.class) ? moment
									: (type == java.time.OffsetDateTime.class)
											? moment.atOffset(java.time.ZoneOffset.UTC)
											: (type == java.time.ZonedDateTime.class)
													? moment.atZone(java.time.ZoneOffset.UTC) : null;
			return (value != null) ? formatter.format(value) : null;
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	/** The written properties whose nulls the serializer leaves out, by JSON name. */
	private Map<String, Boolean> suppressedNulls(JavaType type) {
		ValueSerializer<Object> serializer = this.mapper._serializationContext().findValueSerializer(type);
		Map<String, Boolean> suppressed = new HashMap<>();
		if (serializer instanceof BeanSerializerBase bean) {
			for (Iterator<PropertyWriter> it = bean.properties(); it.hasNext();) {
				if (it.next() instanceof BeanPropertyWriter writer) {
					suppressed.put(writer.getName(), writer.willSuppressNulls());
				}
			}
		}
		return suppressed;
	}

	/**
	 * The definition of a type that Jackson does not read or write as a bean: the value of its
	 * {@code @JsonValue}, the argument of its delegating creator, a string for a to-string
	 * serializer; a marked placeholder when a custom serializer decides. {@code null} for beans and
	 * for everything victools describes as Jackson does.
	 */
	CustomDefinitionProviderV2 definitions() {
		return (type, context) -> {
			Class<?> raw = type.getErasedType();
			if (this.direction == Direction.WRITE) {
				// A custom serializer may be registered for any type, JDK ones included.
				return (raw.isPrimitive() || raw.isArray() || raw.isInterface() || container(raw)) ? null
						: written(raw, context);
			}
			return (describable(raw)) ? read(raw, context) : null;
		};
	}

	private @Nullable CustomDefinition written(Class<?> raw, SchemaGenerationContext context) {
		JavaType type = this.mapper.constructType(raw);
		ValueSerializer<Object> serializer;
		try {
			serializer = this.mapper._serializationContext().findValueSerializer(type);
		}
		catch (RuntimeException ex) {
			return unknown(raw, "Jackson finds no serializer for it (" + ex.getMessage() + ")", context);
		}
		Class<?> serializerType = serializer.getClass();
		if (!serializerType.getName().startsWith("tools.jackson.")) {
			return unknown(raw, "it is written by the custom serializer " + serializerType.getName(), context);
		}
		if (!describable(raw) && !time(raw)) {
			return null;
		}
		if (time(raw)) {
			boolean timestamps = (TemporalAmount.class.isAssignableFrom(raw))
					? this.mapper.serializationConfig().isEnabled(DateTimeFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
					: this.mapper.serializationConfig().isEnabled(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS);
			// ISO strings (the default) are what victools describes; timestamps have other shapes.
			return timestamps ? unknown(raw, "the mapper writes dates as timestamps", context) : null;
		}
		if (serializer instanceof JsonValueSerializer) {
			AnnotatedMember accessor = this.mapper._serializationContext()
				.introspectBeanDescription(type)
				.findJsonValueAccessor();
			if (accessor != null && !raw.isEnum()) {
				return new CustomDefinition(value(context.getTypeContext().resolve(valueType(accessor.getMember())), raw,
						context));
			}
			return null;
		}
		if (serializer instanceof ToStringSerializerBase) {
			return new CustomDefinition(context.getGeneratorConfig().createObjectNode().put("type", "string"));
		}
		return null;
	}

	private @Nullable CustomDefinition read(Class<?> raw, SchemaGenerationContext context) {
		if (raw.isEnum()) {
			return null;
		}
		ValueDeserializer<Object> deserializer;
		try {
			deserializer = this.mapper._deserializationContext()
				.findRootValueDeserializer(this.mapper.constructType(raw));
		}
		catch (RuntimeException ex) {
			return null;
		}
		if (!(deserializer instanceof BeanDeserializerBase bean)) {
			return null;
		}
		ValueInstantiator instantiator = bean.getValueInstantiator();
		if ((instantiator.canCreateFromObjectWith() || instantiator.canCreateUsingDefault())
				&& !explicitlyDelegating(raw)) {
			return null;
		}
		if (instantiator.canCreateUsingDelegate()) {
			JavaType delegate = instantiator.getDelegateType(this.mapper.deserializationConfig());
			return new CustomDefinition(value(context.getTypeContext().resolve(delegate.getRawClass()), raw, context));
		}
		String scalar = instantiator.canCreateFromString() ? "string"
				: (instantiator.canCreateFromLong() || instantiator.canCreateFromInt()
						|| instantiator.canCreateFromBigInteger()) ? "integer"
								: (instantiator.canCreateFromDouble() || instantiator.canCreateFromBigDecimal())
										? "number" : instantiator.canCreateFromBoolean() ? "boolean" : null;
		return (scalar != null) ? new CustomDefinition(scalar(scalar, raw, context)) : null;
	}

	/**
	 * The schema of the single value a type is written as or read from. A scalar carries the
	 * type's own description and example: {@code "string"} alone says nothing of the format
	 * ({@code "12.50 EUR"}) the type's creator expects.
	 */
	private static ObjectNode value(ResolvedType valueType, Class<?> owner, SchemaGenerationContext context) {
		Class<?> value = ClassUtils.resolvePrimitiveIfNecessary(valueType.getErasedType());
		if (CharSequence.class.isAssignableFrom(value)) {
			return scalar("string", owner, context);
		}
		if (value == Boolean.class) {
			return scalar("boolean", owner, context);
		}
		if (value == Long.class || value == Integer.class || value == Short.class || value == Byte.class
				|| value == java.math.BigInteger.class) {
			return scalar("integer", owner, context);
		}
		if (Number.class.isAssignableFrom(value)) {
			return scalar("number", owner, context);
		}
		return context.createDefinitionReference(valueType);
	}

	private static ObjectNode scalar(String type, Class<?> owner, SchemaGenerationContext context) {
		ObjectNode node = context.getGeneratorConfig().createObjectNode().put("type", type);
		JsonClassDescription description = owner.getAnnotation(JsonClassDescription.class);
		if (description != null && !description.value().isEmpty()) {
			node.put("description", description.value());
		}
		if (SWAGGER_PRESENT) {
			SwaggerSchemas.describeValueType(owner, node);
		}
		return node;
	}

	/**
	 * Whether the type's own {@code @JsonCreator} takes one value rather than properties. A record
	 * with one (a {@code Money} read from {@code "12.50 EUR"}) is still readable from its
	 * components through the canonical constructor, but the annotated form is the one the type is
	 * designed for and the one it writes, so it is the one described.
	 */
	private boolean explicitlyDelegating(Class<?> raw) {
		try {
			PotentialCreators creators = this.mapper._deserializationContext()
				.introspectBeanDescription(this.mapper.constructType(raw))
				.getPotentialCreators();
			return !creators.getExplicitDelegating().isEmpty() && !creators.hasExplicitPropertiesBased();
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	private static CustomDefinition unknown(Class<?> raw, String why, SchemaGenerationContext context) {
		return new CustomDefinition(
				context.getGeneratorConfig().createObjectNode().put(UNKNOWN, raw.getName() + ": " + why));
	}

	private static Type valueType(Member member) {
		return (member instanceof Method method) ? method.getGenericReturnType() : ((Field) member).getGenericType();
	}

	/** Application types: the ones whose JSON shape the application's mapper decides. */
	private static boolean describable(Class<?> type) {
		return !type.isPrimitive() && !type.isArray() && !type.isInterface() && !container(type)
				&& !type.getName().startsWith("java.")
				&& !type.getName().startsWith("javax.") && !type.getName().startsWith("jdk.");
	}

	private static boolean container(Class<?> type) {
		return type == Object.class || Collection.class.isAssignableFrom(type) || Map.class.isAssignableFrom(type)
				|| type == Optional.class;
	}

	private static boolean time(Class<?> type) {
		return type.getName().startsWith("java.time.")
				&& (Temporal.class.isAssignableFrom(type) || TemporalAmount.class.isAssignableFrom(type));
	}

	private record WireProperty(String name, boolean nullsSuppressed, @Nullable String writtenShape) {
	}

}
