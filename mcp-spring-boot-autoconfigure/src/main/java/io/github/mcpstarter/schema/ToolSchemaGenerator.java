package io.github.mcpstarter.schema;

import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.github.victools.jsonschema.generator.CustomPropertyDefinition;
import com.github.victools.jsonschema.generator.Module;
import com.github.victools.jsonschema.generator.Option;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaBuilder;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaVersion;
import com.github.victools.jsonschema.module.jackson.JacksonOption;
import com.github.victools.jsonschema.module.jackson.JacksonSchemaModule;
import com.github.victools.jsonschema.module.jakarta.validation.JakartaValidationModule;
import com.github.victools.jsonschema.module.jakarta.validation.JakartaValidationOption;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.core.ResolvableType;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.annotation.MergedAnnotations.SearchStrategy;
import org.springframework.core.convert.support.DefaultConversionService;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpEntity;
import org.springframework.http.MediaType;
import org.springframework.util.Assert;
import org.springframework.util.ClassUtils;
import org.springframework.util.MultiValueMap;
import org.springframework.util.StringUtils;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import io.github.mcpstarter.discovery.EndpointParameter;
import io.github.mcpstarter.discovery.McpEndpoint;
import io.github.mcpstarter.discovery.ParameterSource;

/**
 * Builds the input and output JSON Schemas (2020-12) of a published endpoint.
 *
 * <p>The input schema is an object with one property per published parameter: path variables,
 * query parameters and published headers under their own names, the request body under the
 * handler parameter's name. Types are described by victools' generator with its Jackson and
 * Jakarta Validation modules (and its Swagger module when springdoc's annotations are present);
 * shared and recursive types land once in {@code $defs}. Constraints on the handler's own
 * parameters become keywords too.
 *
 * <p>The output schema describes the response body: {@code ResponseEntity<T>}, {@code HttpEntity<T>}
 * and {@code Optional<T>} are unwrapped; a body that is not a JSON object is described as
 * {@code {"result": ...}}, because MCP's {@code structuredContent} must be an object.
 *
 * <p>Bodies are described as the application's {@link JsonMapper} reads (input) and writes
 * (output) them, not as their Java types look: see {@link JacksonWire}. Where the written shape
 * cannot be known (a custom serializer), no output schema is published, and a warning says why.
 * Constraints come from the validation groups the handler validates its body with. A nullable
 * value is written {@code anyOf [{"type": "null"}, ...]}, a form single-type dialects accept.
 */
public class ToolSchemaGenerator {

	static final String DEFS = "$defs";

	private static final boolean SWAGGER_PRESENT = ClassUtils.isPresent(
			"io.swagger.v3.oas.annotations.media.Schema", ToolSchemaGenerator.class.getClassLoader())
			&& ClassUtils.isPresent("com.github.victools.jsonschema.module.swagger2.Swagger2Module",
					ToolSchemaGenerator.class.getClassLoader());

	private static final boolean VALIDATION_PRESENT = ClassUtils.isPresent("jakarta.validation.constraints.NotNull",
			ToolSchemaGenerator.class.getClassLoader());

	/** The groups Bean Validation applies when none are named. */
	private static final List<Class<?>> DEFAULT_GROUPS = defaultGroups();

	private static final Log logger = LogFactory.getLog(ToolSchemaGenerator.class);

	/** Input generators by the validation groups the handler validates its body with. */
	private final Map<List<Class<?>>, SchemaGenerator> inputGenerators = new ConcurrentHashMap<>();

	private final SchemaGenerator outputGenerator;

	private final JsonMapper mapper;

	private final JacksonWire read;

	private final JacksonWire written;

	// Schemas already built, by the types they describe. Endpoints share few types, and victools
	// takes about a millisecond and a half per endpoint: 1,000 endpoints took 1.6 to 2 s to publish.
	// The schema of a type depends on nothing but the type (and, for inputs, the validation groups),
	// so a copy of the first one serves.

	/** Input schemas by the parameter types, in order, and groups: before the parameters' own keywords. */
	private final Map<InputKey, InputTemplate> inputs = new ConcurrentHashMap<>();

	/** Output schemas by the response body type. */
	private final Map<Type, OutputSchema> outputs = new ConcurrentHashMap<>();

	/** A generator that describes JSON as a default {@link JsonMapper} reads and writes it. */
	public ToolSchemaGenerator() {
		this(JsonMapper.builder().build());
	}

	/**
	 * A generator that describes JSON as the given mapper reads and writes it: its naming strategy,
	 * mix-ins, creators, {@code @JsonValue}s, serializers and inclusion rules.
	 * @param mapper the application's mapper, the one Spring MVC reads and writes bodies with
	 * @since 0.1.0
	 */
	public ToolSchemaGenerator(JsonMapper mapper) {
		Assert.notNull(mapper, "mapper cannot be null");
		this.mapper = mapper;
		this.read = new JacksonWire(mapper, JacksonWire.Direction.READ);
		this.written = new JacksonWire(mapper, JacksonWire.Direction.WRITE);
		// A response may carry null in any property not declared @NotNull (Jackson writes nulls by
		// default), and a client that validates structuredContent must accept it.
		this.outputGenerator = new SchemaGenerator(config(this.written, DEFAULT_GROUPS)
			.with(Option.NULLABLE_FIELDS_BY_DEFAULT, Option.NULLABLE_METHOD_RETURN_VALUES_BY_DEFAULT)
			.build());
	}

	private SchemaGenerator inputGenerator(List<Class<?>> groups) {
		return this.inputGenerators.computeIfAbsent(groups, (key) -> {
			SchemaGeneratorConfigBuilder input = config(this.read, key);
			if (VALIDATION_PRESENT) {
				input.forFields()
					.withCustomDefinitionProvider((field, context) -> (!field.isFakeContainerItemScope()
							&& ValidationGroups.mustBeNull(field.getRawMember(), key))
									? new CustomPropertyDefinition(context.getGeneratorConfig()
										.createObjectNode()
										.put("type", "null"))
									: null);
			}
			// Jackson fails on a record whose primitive component is missing, so the model must send it.
			input.forFields()
				.withRequiredCheck((field) -> field.getType().getErasedType().isPrimitive()
						&& field.getDeclaringType().getErasedType().isRecord());
			return new SchemaGenerator(input.build());
		});
	}

	private SchemaGeneratorConfigBuilder config(JacksonWire wire, List<Class<?>> groups) {
		SchemaGeneratorConfigBuilder config = new SchemaGeneratorConfigBuilder(this.mapper, SchemaVersion.DRAFT_2020_12,
				OptionPreset.PLAIN_JSON)
			.without(Option.SCHEMA_VERSION_INDICATOR)
			// Nullable as anyOf [{...}, {"type": "null"}], never "type": ["x", "null"]: single-type
			// dialects (MCP Inspector --strict, Gemini's OpenAPI subset) refuse type arrays.
			.with(Option.STANDARD_FORMATS, Option.PLAIN_DEFINITION_KEYS, Option.MAP_VALUES_AS_ADDITIONAL_PROPERTIES,
					Option.NULLABLE_ALWAYS_AS_ANYOF);
		// The mapper is asked first: the first resolver with an answer wins, and victools' Jackson
		// module reads only the annotations on the Java members.
		config.forTypesInGeneral().withCustomDefinitionProvider(wire.definitions());
		config.forFields()
			.withCustomDefinitionProvider(wire::propertyDefinition)
			.withPropertyNameOverrideResolver(wire::propertyName)
			.withIgnoreCheck(wire::ignored)
			.withNullableCheck(wire::nullable);
		config.with(new JacksonSchemaModule(JacksonOption.RESPECT_JSONPROPERTY_REQUIRED,
				JacksonOption.FLATTENED_ENUMS_FROM_JSONVALUE));
		if (VALIDATION_PRESENT) {
			config.with(new JakartaValidationModule(JakartaValidationOption.NOT_NULLABLE_FIELD_IS_REQUIRED,
					JakartaValidationOption.NOT_NULLABLE_METHOD_IS_REQUIRED,
					JakartaValidationOption.INCLUDE_PATTERN_EXPRESSIONS)
				.forValidationGroups(groups.toArray(Class<?>[]::new)));
		}
		if (SWAGGER_PRESENT) {
			config.with(swaggerModule());
			SwaggerSchemas.apply(config, wire == this.read);
		}
		return config;
	}

	private static List<Class<?>> defaultGroups() {
		return VALIDATION_PRESENT ? List.of(ClassUtils.resolveClassName("jakarta.validation.groups.Default",
				ToolSchemaGenerator.class.getClassLoader())) : List.of();
	}

	private static Module swaggerModule() {
		return new com.github.victools.jsonschema.module.swagger2.Swagger2Module();
	}

	/** The input and output schemas of an endpoint. */
	public ToolSchemas generate(McpEndpoint endpoint) {
		ObjectNode input = inputSchema(endpoint);
		if (!producesJson(endpoint)) {
			// Images, audio, text and multipart bodies become content blocks, never structuredContent.
			return new ToolSchemas(input, null, false);
		}
		ResolvableType body = responseBodyType(ResolvableType.forMethodReturnType(endpoint.handlerMethod().getMethod(),
				endpoint.handlerMethod().getBeanType()));
		if (body == null) {
			return new ToolSchemas(input, null, false);
		}
		if (isOptionalOfPolymorphicType(endpoint)) {
			// Seen on the wire: MVC hands Jackson a root Optional's value without its declared type, so
			// the @JsonTypeInfo id that every subtype's schema requires is not written.
			logger.warn("Tool '" + endpoint.name() + "' (" + endpoint.handlerName() + ") publishes no outputSchema: "
					+ "Spring MVC writes the value of a returned Optional<" + body.resolve().getSimpleName()
					+ "> without its Jackson type id; return " + body.resolve().getSimpleName()
					+ " or ResponseEntity<" + body.resolve().getSimpleName() + "> to publish one");
			return new ToolSchemas(input, null, false);
		}
		OutputSchema output = this.outputs.computeIfAbsent(reflectType(body), this::outputSchema);
		if (output.schema() == null) {
			// Once per tool, at startup: a client would otherwise get no word of why.
			logger.warn("Tool '" + endpoint.name() + "' (" + endpoint.handlerName() + ") publishes no outputSchema: "
					+ "the JSON its response carries cannot be known from its type, since " + output.unknown());
			return new ToolSchemas(input, null, false);
		}
		return new ToolSchemas(input, output.schema().deepCopy(), output.wrapped());
	}

	/**
	 * The schemas with the output of a body of another type than the handler's: what a
	 * {@code ResponseBodyAdvice} writes in its place, say (see {@code OutputSchemaPolicy}).
	 * @param schemas the schemas {@link #generate} made
	 * @param body the type of what is written, described as a handler's own body type is
	 * @return the schemas with that output, or with none when the type is nothing to describe
	 */
	public ToolSchemas withOutputOf(ToolSchemas schemas, ResolvableType body) {
		ResolvableType described = responseBodyType(body);
		if (described == null) {
			return new ToolSchemas(schemas.input(), null, false);
		}
		OutputSchema output = this.outputs.computeIfAbsent(reflectType(described), this::outputSchema);
		if (output.schema() == null) {
			return new ToolSchemas(schemas.input(), null, false);
		}
		return new ToolSchemas(schemas.input(), output.schema().deepCopy(), output.wrapped());
	}

	private OutputSchema outputSchema(Type body) {
		SchemaBuilder builder = this.outputGenerator.buildMultipleSchemaDefinitions();
		ObjectNode reference = builder.createSchemaReference(body);
		ObjectNode defs = builder.collectDefinitions(DEFS);
		List<String> unknown = new ArrayList<>();
		collectUnknown(reference, unknown);
		collectUnknown(defs, unknown);
		if (!unknown.isEmpty()) {
			// Never a wrong schema: a client that validates structuredContent would refuse true results.
			return new OutputSchema(null, false, String.join("; ", unknown.stream().distinct().sorted().toList()));
		}
		admitNullInEnums(reference);
		admitNullInEnums(defs);
		ObjectNode root = inlineRoot(reference, defs);
		boolean wrapped = !alwaysObject(root, defs);
		ObjectNode output;
		if (!wrapped && !root.has("type")) {
			// A polymorphic body: every subtype is an object, and MCP wants the root to say so.
			output = this.mapper.createObjectNode().put("type", "object");
			output.setAll(root);
		}
		else if (wrapped) {
			output = this.mapper.createObjectNode();
			output.put("type", "object");
			output.putObject("properties").set("result", reference);
			output.putArray("required").add("result");
		}
		else {
			output = root;
		}
		if (!defs.isEmpty()) {
			output.set(DEFS, defs);
		}
		return new OutputSchema(output, wrapped, null);
	}

	/** Whether every JSON value the schema admits is an object: a body ToolResults sends unwrapped. */
	private static boolean alwaysObject(JsonNode schema, ObjectNode defs) {
		JsonNode ref = schema.get("$ref");
		if (ref != null && ref.isString() && ref.asString().startsWith("#/" + DEFS + "/")) {
			JsonNode target = defs.get(ref.asString().substring(DEFS.length() + 3));
			return target != null && target != schema && alwaysObject(target, defs);
		}
		if (schema.has("type")) {
			return "object".equals(schema.get("type").asString(""));
		}
		for (String keyword : new String[] { "anyOf", "oneOf" }) {
			if (schema.get(keyword) instanceof ArrayNode branches && !branches.isEmpty()) {
				for (JsonNode branch : branches) {
					if (!alwaysObject(branch, defs)) {
						return false;
					}
				}
				return true;
			}
		}
		return false;
	}

	/**
	 * Adds {@code null} to an {@code enum} that sits beside a nullable {@code anyOf}: a member's
	 * allowable values (springdoc's {@code allowableValues}) land next to the type's branches, where
	 * they would refuse the {@code null} the other branch admits.
	 */
	private static void admitNullInEnums(JsonNode node) {
		collapseRepeatedBranches(node);
		if (node instanceof ObjectNode object && object.get("enum") instanceof ArrayNode values
				&& object.get("anyOf") instanceof ArrayNode branches) {
			boolean nullable = false;
			for (JsonNode branch : branches) {
				nullable |= "null".equals(branch.path("type").asString(""));
			}
			boolean listed = false;
			for (JsonNode value : values) {
				listed |= value.isNull();
			}
			if (nullable && !listed) {
				values.addNull();
			}
		}
		for (JsonNode child : node.values()) {
			admitNullInEnums(child);
		}
	}

	/**
	 * {@code anyOf [{"type": "null"}, {"type": "null"}]}, as victools writes a nullable property
	 * that must be null ({@code @Null}), becomes the one branch.
	 */
	private static void collapseRepeatedBranches(JsonNode node) {
		if (node instanceof ObjectNode object && object.get("anyOf") instanceof ArrayNode branches) {
			List<JsonNode> distinct = new ArrayList<>();
			branches.forEach((branch) -> {
				if (!distinct.contains(branch)) {
					distinct.add(branch);
				}
			});
			if (distinct.size() == 1 && distinct.get(0) instanceof ObjectNode only
					&& only.propertyNames().stream().noneMatch((name) -> !name.equals("anyOf") && object.has(name))) {
				object.remove("anyOf");
				object.setAll(only);
			}
		}
	}

	/** The reasons left by {@link JacksonWire} where a type's written shape cannot be known. */
	private static void collectUnknown(JsonNode node, List<String> reasons) {
		if (node.isObject()) {
			JsonNode reason = node.get(JacksonWire.UNKNOWN);
			if (reason != null) {
				reasons.add(reason.asString());
			}
		}
		for (JsonNode child : node.values()) {
			collectUnknown(child, reasons);
		}
	}

	private ObjectNode inputSchema(McpEndpoint endpoint) {
		List<Type> types = endpoint.parameters().stream().map((parameter) -> reflectType(parameter.type())).toList();
		InputTemplate template = this.inputs.computeIfAbsent(new InputKey(types, ValidationGroups.of(endpoint, DEFAULT_GROUPS)),
				this::inputTemplate);
		ObjectNode schema = this.mapper.createObjectNode();
		schema.put("type", "object");
		ObjectNode properties = schema.putObject("properties");
		ArrayNode required = this.mapper.createArrayNode();
		int index = 0;
		for (EndpointParameter parameter : endpoint.parameters()) {
			ObjectNode reference = template.references().get(index++).deepCopy();
			properties.set(parameter.name(), reference);
			if (parameter.required()) {
				required.add(parameter.name());
			}
			describe(parameter, reference);
		}
		ObjectNode defs = template.defs().deepCopy();
		if (!required.isEmpty()) {
			schema.set("required", required);
		}
		// Unknown arguments are refused at call time, and the schema says so.
		schema.put("additionalProperties", false);
		if (!defs.isEmpty()) {
			schema.set(DEFS, defs);
		}
		return schema;
	}

	/** The schemas of the parameter types, with their shared {@code $defs}, before any keyword of the parameters. */
	private InputTemplate inputTemplate(InputKey key) {
		SchemaBuilder builder = inputGenerator(key.groups()).buildMultipleSchemaDefinitions();
		List<ObjectNode> references = new ArrayList<>(key.types().size());
		for (Type type : key.types()) {
			references.add(builder.createSchemaReference(type));
		}
		// Keywords are added only after collectDefinitions, which may still rewrite the references.
		ObjectNode defs = builder.collectDefinitions(DEFS);
		references.forEach(ToolSchemaGenerator::admitNullInEnums);
		admitNullInEnums(defs);
		return new InputTemplate(List.copyOf(references), defs);
	}

	private record InputTemplate(List<ObjectNode> references, ObjectNode defs) {
	}

	/** An output schema, or {@code null} and why not. */
	private record OutputSchema(@Nullable ObjectNode schema, boolean wrapped, @Nullable String unknown) {
	}

	private record InputKey(List<Type> types, List<Class<?>> groups) {
	}

	private static void describe(EndpointParameter parameter, ObjectNode schema) {
		// The parameter's own description is more specific than its type's.
		if (parameter.description() != null) {
			schema.put("description", parameter.description());
		}
		if (parameter.source() != ParameterSource.BODY) {
			ParameterConstraints.apply(parameter.annotations(), schema, parameter.multiValued());
			RequestParameterSchemas.apply(parameter, schema);
		}
		if (parameter.defaultValue() != null) {
			schema.set("default", parameter.multiValued() ? typedDefaults(parameter.defaultValue(), schema)
					: typedDefault(parameter.defaultValue(), schema));
		}
	}

	/** A multi-valued default, which MVC splits at commas, as an array of typed items. */
	private static JsonNode typedDefaults(String value, ObjectNode schema) {
		ArrayNode array = JsonNodeFactory.instance.arrayNode();
		JsonNode items = schema.path("items");
		for (String element : StringUtils.commaDelimitedListToStringArray(value)) {
			array.add(typedDefault(element.trim(), (items instanceof ObjectNode object) ? object
					: JsonNodeFactory.instance.objectNode()));
		}
		return array;
	}

	/** A default typed as MVC converts it. */
	private static JsonNode typedDefault(String value, ObjectNode schema) {
		String type = schema.path("type").asString("");
		try {
			return switch (type) {
				case "integer" -> JsonNodeFactory.instance.numberNode(Long.parseLong(value));
				case "number" -> JsonNodeFactory.instance
					.numberNode(new BigDecimal(value));
				case "boolean" -> JsonNodeFactory.instance.booleanNode(Boolean.TRUE
					.equals(DefaultConversionService.getSharedInstance().convert(value, Boolean.class)));
				default -> JsonNodeFactory.instance.stringNode(value);
			};
		}
		catch (RuntimeException ex) {
			return JsonNodeFactory.instance.stringNode(value);
		}
	}

	/** The root schema itself: a reference into {@code $defs} is replaced by a copy of its target. */
	private static ObjectNode inlineRoot(ObjectNode reference, ObjectNode defs) {
		JsonNode ref = reference.get("$ref");
		if (ref != null && ref.isString() && ref.asString().startsWith("#/" + DEFS + "/")) {
			JsonNode target = defs.get(ref.asString().substring(DEFS.length() + 3));
			if (target instanceof ObjectNode object) {
				return object.deepCopy();
			}
		}
		return reference;
	}

	/**
	 * The type as victools must see it: every type variable resolved. A generic taken from a
	 * supertype ({@code T} of {@code ResponseEntity<T>}) would otherwise reach it as the bare
	 * variable and describe nothing.
	 */
	static Type reflectType(ResolvableType type) {
		if (type.isArray()) {
			Type component = reflectType(type.getComponentType());
			return (component instanceof Class<?> componentClass) ? componentClass.arrayType()
					: (GenericArrayType) () -> component;
		}
		Class<?> raw = type.resolve(Object.class);
		if (!type.hasGenerics()) {
			return raw;
		}
		ResolvableType[] generics = type.getGenerics();
		Type[] arguments = new Type[generics.length];
		for (int i = 0; i < generics.length; i++) {
			arguments[i] = reflectType(generics[i]);
		}
		return ResolvableType.forClassWithGenerics(raw, java.util.Arrays.stream(arguments)
			.map(ResolvableType::forType)
			.toArray(ResolvableType[]::new)).getType();
	}

	/** The type of a JSON response body, or {@code null} when there is none to describe. */
	private static boolean producesJson(McpEndpoint endpoint) {
		if (endpoint.produces().isEmpty()) {
			return true;
		}
		for (MediaType produced : endpoint.produces()) {
			if (MediaType.APPLICATION_JSON.isCompatibleWith(produced) || produced.getSubtype().endsWith("+json")) {
				return true;
			}
		}
		return false;
	}

	private static boolean isOptionalOfPolymorphicType(McpEndpoint endpoint) {
		ResolvableType body = ResolvableType.forMethodReturnType(endpoint.handlerMethod().getMethod(),
				endpoint.handlerMethod().getBeanType());
		if (body.as(HttpEntity.class) != ResolvableType.NONE) {
			body = body.as(HttpEntity.class).getGeneric(0);
		}
		if (body.resolve() != Optional.class) {
			return false;
		}
		Class<?> value = body.getGeneric(0).resolve();
		return value != null
				&& MergedAnnotations.from(value, SearchStrategy.TYPE_HIERARCHY).isPresent(JsonTypeInfo.class);
	}

	static @Nullable ResolvableType responseBodyType(ResolvableType returnType) {
		ResolvableType body = returnType;
		if (body.as(HttpEntity.class) != ResolvableType.NONE) {
			body = body.as(HttpEntity.class).getGeneric(0);
		}
		if (body.resolve() == Optional.class) {
			body = body.getGeneric(0);
		}
		Class<?> raw = body.resolve();
		if (raw == null || raw == Object.class || raw == void.class || raw == Void.class
				|| CharSequence.class.isAssignableFrom(raw) || raw == byte[].class || Resource.class.isAssignableFrom(raw)
				|| MultiValueMap.class.isAssignableFrom(raw)
				|| body.hasUnresolvableGenerics()) {
			return null;
		}
		return body;
	}

}
