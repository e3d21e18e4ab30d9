package io.github.mcpstarter.invocation;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.BeanUtils;
import org.springframework.core.ResolvableType;
import org.springframework.http.HttpEntity;
import tools.jackson.databind.json.JsonMapper;

import io.github.mcpstarter.discovery.EndpointParameter;
import io.github.mcpstarter.discovery.McpEndpoint;
import io.github.mcpstarter.discovery.McpEndpointScanner;
import io.github.mcpstarter.discovery.McpToolDefinitionException;
import io.github.mcpstarter.discovery.ParameterSource;
import io.github.mcpstarter.discovery.PromptPublications;
import io.github.mcpstarter.protocol.Prompt;
import io.github.mcpstarter.protocol.PromptArgument;
import io.github.mcpstarter.protocol.PromptRegistry;
import io.github.mcpstarter.protocol.RegisteredPrompt;

/**
 * Publishes the {@code @McpPrompt} endpoints as prompts once every singleton exists: discovery
 * and an invoker per endpoint, built here, once.
 *
 * <p>It runs as a {@link SmartInitializingSingleton}, as the tools' publisher does, so that the
 * prompts are in place before the web server accepts requests. A problem with any endpoint fails
 * startup, every problem listed at once.
 *
 * @since 0.2.0
 */
public class EndpointPromptPublisher implements SmartInitializingSingleton {

	private static final Log logger = LogFactory.getLog(EndpointPromptPublisher.class);

	/** Return types whose JSON is a number, a boolean or another lone value: no message list. */
	private static final Set<Class<?>> NO_MESSAGES = Set.of(void.class, Void.class);

	private final McpEndpointScanner scanner;

	private final MvcDispatcher dispatcher;

	private final PromptRegistry registry;

	private final JsonMapper mapper;

	private final ToolRequestAuthorizer authorizer;

	private final long maxResponseSize;

	/**
	 * @param scanner finds the endpoints
	 * @param dispatcher runs them
	 * @param registry where the prompts are published
	 * @param mapper reads the endpoints' JSON
	 * @param authorizer applies the application's URL rules to each concrete request
	 * @param maxResponseSize the most bytes of response body one {@code prompts/get} holds
	 */
	public EndpointPromptPublisher(McpEndpointScanner scanner, MvcDispatcher dispatcher, PromptRegistry registry,
			JsonMapper mapper, ToolRequestAuthorizer authorizer, long maxResponseSize) {
		this.scanner = scanner;
		this.dispatcher = dispatcher;
		this.registry = registry;
		this.mapper = mapper;
		this.authorizer = authorizer;
		this.maxResponseSize = maxResponseSize;
	}

	@Override
	public void afterSingletonsInstantiated() {
		long start = System.nanoTime();
		List<McpEndpoint> endpoints = this.scanner.scan(PromptPublications.READER);
		List<String> problems = new ArrayList<>();
		List<RegisteredPrompt> prompts = new ArrayList<>(endpoints.size());
		for (McpEndpoint endpoint : endpoints) {
			List<PromptArgument> arguments = arguments(endpoint, problems);
			warnOfReturnType(endpoint);
			EndpointInvoker invoker = new EndpointInvoker(endpoint, this.dispatcher, this.mapper, this.authorizer,
					this.maxResponseSize);
			prompts.add(new RegisteredPrompt(
					new Prompt(endpoint.name(), endpoint.title(), endpoint.description(), arguments),
					new SpringMvcPromptHandler(invoker, this.mapper), invoker));
		}
		if (!problems.isEmpty()) {
			throw new McpToolDefinitionException(problems);
		}
		this.registry.publish(prompts);
		if (logger.isInfoEnabled()) {
			logger.info("Published " + prompts.size() + " MCP prompt" + ((prompts.size() == 1) ? "" : "s") + " in "
					+ (System.nanoTime() - start) / 1_000_000 + " ms"
					+ (prompts.isEmpty() ? " (no @McpPrompt endpoints found)"
							: ": " + String.join(", ", prompts.stream().map(RegisteredPrompt::name).toList())));
		}
	}

	/**
	 * The prompt's arguments: its path variables and query parameters, one string each. What the
	 * scanner describes beyond those (a model attribute's list property, a {@code Pageable}'s sort)
	 * is reported, as the annotation reader reports what it sees on the handler itself.
	 */
	private static List<PromptArgument> arguments(McpEndpoint endpoint, List<String> problems) {
		List<PromptArgument> arguments = new ArrayList<>(endpoint.parameters().size());
		for (EndpointParameter parameter : endpoint.parameters()) {
			String what = endpoint.handlerMethod().getBeanType().getName() + "."
					+ endpoint.handlerMethod().getMethod().getName() + "() input '" + parameter.name() + "'";
			if (parameter.source() != ParameterSource.PATH && parameter.source() != ParameterSource.QUERY) {
				problems.add(what + " travels as a " + parameter.source().name().toLowerCase(java.util.Locale.ROOT)
						+ ", and prompt arguments are path variables and query parameters."
						+ " Fix: take it as a @RequestParam, or leave the method out (remove @McpPrompt).");
			}
			else if (parameter.multiValued()) {
				problems.add(what + " takes several values, and a prompt argument is one string."
						+ " Fix: take a single value, or leave the method out (remove @McpPrompt).");
			}
			else {
				arguments.add(new PromptArgument(parameter.name(), parameter.description(), parameter.required()));
			}
		}
		return arguments;
	}

	/**
	 * A handler whose return type can never make messages (a number, a boolean, nothing) is known
	 * at startup; its every get would fail, so the log says so now.
	 */
	private static void warnOfReturnType(McpEndpoint endpoint) {
		ResolvableType returnType = ResolvableType.forMethodReturnType(endpoint.handlerMethod().getMethod());
		ResolvableType body = (returnType.as(HttpEntity.class) != ResolvableType.NONE)
				? returnType.as(HttpEntity.class).getGeneric(0) : returnType;
		Class<?> raw = body.resolve(Object.class);
		boolean lone = NO_MESSAGES.contains(raw) || (BeanUtils.isSimpleValueType(raw)
				&& !CharSequence.class.isAssignableFrom(raw) && !raw.isArray() && raw != Object.class);
		if (lone) {
			logger.warn("Prompt '" + endpoint.name() + "' (" + endpoint.handlerName() + ") returns "
					+ raw.getSimpleName() + ", which makes no prompt messages: return a String (one user message),"
					+ " a list of messages or {description, messages}, an image or audio");
		}
	}

}
