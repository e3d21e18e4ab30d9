package io.github.mcpstarter.invocation;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonView;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationContext;
import org.springframework.core.MethodParameter;
import org.springframework.core.Nullness;
import org.springframework.core.ResolvableType;
import org.springframework.http.HttpEntity;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;
import org.springframework.web.method.ControllerAdviceBean;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import io.github.mcpstarter.discovery.McpEndpoint;
import io.github.mcpstarter.schema.ToolSchemaGenerator;
import io.github.mcpstarter.schema.ToolSchemas;

/**
 * Decides what a tool's output schema may promise, beyond what the handler's return type says: a
 * tool that declares an {@code outputSchema} must return conforming {@code structuredContent} for
 * every successful call (MCP 2025-11-25, server/tools, "Output Schema"), and strict clients (the
 * TypeScript SDK's {@code callTool}, MCP Inspector) refuse a result that does not.
 *
 * <ul>
 * <li><strong>Body advice.</strong> A {@code ResponseBodyAdvice} of a {@code @ControllerAdvice} that
 * applies to the handler's controller and supports the Jackson converter for its return type may
 * write anything in place of the body. When it declares what it returns, as a wrapper class
 * ({@code Envelope}) or a generic one ({@code Envelope<?>}, {@code Envelope<Object>}, taken to
 * hold the body in its type parameter), the schema describes that wrapper; when it declares only
 * {@code Object}, the shape cannot be known and the tool publishes no output schema. Spring's own
 * advice that leaves the shape alone ({@link #SHAPE_PRESERVING}) is ignored.</li>
 * <li><strong>{@code @JsonView}.</strong> A handler with a view writes only the view's properties,
 * which the schema generator does not know: no output schema.</li>
 * <li><strong>No body.</strong> {@code ResponseEntity<T>}, {@code HttpEntity<T>} and
 * {@code Optional<T>} may answer a 2xx without a body ({@code noContent()}, an empty
 * {@code Optional}). Dropping their schema would cost the structure of the most common return
 * style; so the schema admits the bodiless answer instead, as an empty object, and
 * {@link ToolResults} returns {@code {}} for it. A wrapped result ({@code {"result": ...}}) gets
 * {@code result} no longer required; an object result keeps its properties and moves its
 * {@code required} into {@code anyOf: [{required: [...]}, {maxProperties: 0}]}, which every
 * JSON Schema dialect reads. {@code void} and {@code ResponseEntity<Void>} have no schema.</li>
 * </ul>
 * Each schema left out is logged once at startup, one line per tool, with the reason.
 */
public class OutputSchemaPolicy {

	private static final Log logger = LogFactory.getLog(OutputSchemaPolicy.class);

	/**
	 * Advice of Spring's own that never changes the shape of a body: it only passes the
	 * serialization hints ({@code @JsonView}, handled apart) or Kotlin's serializer on.
	 */
	static final Set<String> SHAPE_PRESERVING = Set.of(
			"org.springframework.web.servlet.mvc.method.annotation.JsonViewResponseBodyAdvice",
			"org.springframework.web.servlet.mvc.method.annotation.KotlinResponseBodyAdvice");

	/** The converter a JSON body is written with: the one whose advice counts. */
	private static final Class<?> JSON_CONVERTER = JacksonJsonHttpMessageConverter.class;

	private final @Nullable ApplicationContext context;

	private @Nullable List<ControllerAdviceBean> bodyAdvice;

	/** A policy that knows no advice: only {@code @JsonView} and bodiless answers count. */
	public OutputSchemaPolicy() {
		this.context = null;
		this.bodyAdvice = List.of();
	}

	/**
	 * @param context where the application's {@code @ControllerAdvice} beans are, found when the
	 * first tool is published (every singleton exists by then)
	 */
	public OutputSchemaPolicy(ApplicationContext context) {
		this.context = context;
	}

	/**
	 * The schemas the tool publishes.
	 * @param endpoint the tool's endpoint
	 * @param schemas what the generator made of its parameters and return type
	 * @param generator describes a wrapper type that advice writes instead of the body
	 */
	public ToolSchemas apply(McpEndpoint endpoint, ToolSchemas schemas, ToolSchemaGenerator generator) {
		if (schemas.output() == null) {
			return schemas;
		}
		HandlerMethod handler = endpoint.handlerMethod();
		if (handler.hasMethodAnnotation(JsonView.class)
				|| handler.getBeanType().isAnnotationPresent(JsonView.class)) {
			return withoutOutput(endpoint, schemas, "its @JsonView writes only the view's properties");
		}
		MethodParameter returnType = handler.getReturnType();
		ToolSchemas result = schemas;
		List<ResponseBodyAdvice<?>> advice = applicableAdvice(handler, returnType);
		if (advice.size() > 1) {
			return withoutOutput(endpoint, schemas, "several ResponseBodyAdvice rewrite its body ("
					+ String.join(", ", advice.stream().map((each) -> userClass(each).getName()).toList()) + ")");
		}
		if (advice.size() == 1) {
			ResolvableType wrapper = wrapperType(advice.get(0), ResolvableType.forMethodReturnType(handler.getMethod(),
					handler.getBeanType()));
			if (wrapper == null) {
				return withoutOutput(endpoint, schemas, "ResponseBodyAdvice " + userClass(advice.get(0)).getName()
						+ " rewrites its body, and its beforeBodyWrite declares no type to describe");
			}
			result = generator.withOutputOf(schemas, wrapper);
			if (result.output() == null) {
				return withoutOutput(endpoint, schemas, "ResponseBodyAdvice " + userClass(advice.get(0)).getName()
						+ " writes " + wrapper + ", which has no describable shape");
			}
		}
		if (mayAnswerWithoutBody(returnType)) {
			result = admitEmpty(result);
		}
		return result;
	}

	/** Whether the handler's return type lets it answer a 2xx without a body. */
	static boolean mayAnswerWithoutBody(MethodParameter returnType) {
		ResolvableType type = ResolvableType.forMethodParameter(returnType);
		if (type.as(HttpEntity.class) != ResolvableType.NONE) {
			return true;
		}
		// A handler that says it may return null answers 200 without a body when it does. One that does
		// not say so and returns null anyway gets an error result (ToolResults), never a wrong schema.
		return type.resolve() == Optional.class
				|| (returnType.getMethod() != null && Nullness.forMethodReturnType(returnType.getMethod()) == Nullness.NULLABLE);
	}

	/**
	 * The schemas with an output that also admits {@code {}}, the structured content of a bodiless
	 * answer.
	 */
	static ToolSchemas admitEmpty(ToolSchemas schemas) {
		ObjectNode output = schemas.output();
		if (output == null) {
			return schemas;
		}
		output = output.deepCopy();
		JsonNode required = output.get("required");
		if (!(required instanceof ArrayNode requiredNames) || requiredNames.isEmpty()) {
			return new ToolSchemas(schemas.input(), output, schemas.outputWrapped());
		}
		if (schemas.outputWrapped()) {
			// {"result": ...}: without a body there is no result.
			output.remove("required");
			if (output.path("properties").get("result") instanceof ObjectNode resultSchema
					&& !resultSchema.has("description")) {
				resultSchema.put("description", "Absent when the endpoint answered without a body.");
			}
			return new ToolSchemas(schemas.input(), output, true);
		}
		output.remove("required");
		ArrayNode branches = JsonNodeFactory.instance.arrayNode();
		branches.addObject().set("required", requiredNames);
		// The bodiless answer, {}: nothing else can have no property when some are required.
		branches.addObject().put("maxProperties", 0).put("description", "The endpoint answered without a body.");
		if (output.has("anyOf")) {
			ArrayNode allOf = (output.get("allOf") instanceof ArrayNode existing) ? existing : output.putArray("allOf");
			allOf.addObject().set("anyOf", branches);
		}
		else {
			output.set("anyOf", branches);
		}
		return new ToolSchemas(schemas.input(), output, false);
	}

	private List<ResponseBodyAdvice<?>> applicableAdvice(HandlerMethod handler, MethodParameter returnType) {
		List<ResponseBodyAdvice<?>> applicable = new ArrayList<>();
		for (ControllerAdviceBean bean : bodyAdvice()) {
			if (!bean.isApplicableToBeanType(handler.getBeanType())) {
				continue;
			}
			Object advice = bean.resolveBean();
			if (advice instanceof ResponseBodyAdvice<?> bodyAdvice
					&& !SHAPE_PRESERVING.contains(userClass(advice).getName())
					&& supports(bodyAdvice, returnType)) {
				applicable.add(bodyAdvice);
			}
		}
		return applicable;
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private static boolean supports(ResponseBodyAdvice<?> advice, MethodParameter returnType) {
		try {
			return advice.supports(returnType, (Class) JSON_CONVERTER);
		}
		catch (RuntimeException ex) {
			// An advice that cannot say is taken to apply: a schema left out is never wrong.
			return true;
		}
	}

	private List<ControllerAdviceBean> bodyAdvice() {
		List<ControllerAdviceBean> found = this.bodyAdvice;
		if (found == null) {
			found = new ArrayList<>();
			if (this.context != null) {
				for (ControllerAdviceBean bean : ControllerAdviceBean.findAnnotatedBeans(this.context)) {
					Class<?> type = bean.getBeanType();
					if (type != null && ResponseBodyAdvice.class.isAssignableFrom(type)) {
						found.add(bean);
					}
				}
			}
			this.bodyAdvice = found;
		}
		return found;
	}

	/**
	 * What the advice writes for a body of the handler's return type, from the return type its
	 * {@code beforeBodyWrite} declares, or {@code null} when it declares nothing more than
	 * {@code Object}, or a wrapper with several type parameters.
	 */
	static @Nullable ResolvableType wrapperType(ResponseBodyAdvice<?> advice, ResolvableType handlerReturnType) {
		Class<?> adviceClass = userClass(advice);
		Method beforeBodyWrite = mostSpecificBeforeBodyWrite(adviceClass);
		if (beforeBodyWrite == null) {
			return null;
		}
		ResolvableType declared = ResolvableType.forMethodReturnType(beforeBodyWrite, adviceClass);
		Class<?> raw = declared.resolve();
		if (raw == null || raw == Object.class || declared.getType() instanceof java.lang.reflect.TypeVariable<?>) {
			return null;
		}
		ResolvableType[] generics = declared.getGenerics();
		if (generics.length == 0) {
			return declared;
		}
		if (generics.length > 1) {
			return null;
		}
		ResolvableType generic = generics[0];
		Class<?> argument = generic.resolve();
		if (argument != null && argument != Object.class) {
			return declared;
		}
		// Envelope<?> or Envelope<Object>: the body goes in the type parameter.
		ResolvableType body = bodyType(handlerReturnType);
		return ResolvableType.forClassWithGenerics(raw, body);
	}

	private static ResolvableType bodyType(ResolvableType returnType) {
		ResolvableType body = returnType;
		if (body.as(HttpEntity.class) != ResolvableType.NONE) {
			body = body.as(HttpEntity.class).getGeneric(0);
		}
		if (body.resolve() == Optional.class) {
			body = body.getGeneric(0);
		}
		return body;
	}

	private static @Nullable Method mostSpecificBeforeBodyWrite(Class<?> adviceClass) {
		Method found = null;
		for (Method method : ReflectionUtils.getUniqueDeclaredMethods(adviceClass, (m) -> !m.isBridge())) {
			if (method.getName().equals("beforeBodyWrite") && method.getParameterCount() == 6
					&& (found == null || found.getReturnType().isAssignableFrom(method.getReturnType()))) {
				found = method;
			}
		}
		return found;
	}

	private static Class<?> userClass(Object bean) {
		return ClassUtils.getUserClass(bean);
	}

	private static ToolSchemas withoutOutput(McpEndpoint endpoint, ToolSchemas schemas, String reason) {
		logger.warn("Tool '" + endpoint.name() + "' (" + endpoint.handlerName() + ") publishes no outputSchema: "
				+ reason + ", so the shape of its result cannot be known");
		return new ToolSchemas(schemas.input(), null, false);
	}

}
