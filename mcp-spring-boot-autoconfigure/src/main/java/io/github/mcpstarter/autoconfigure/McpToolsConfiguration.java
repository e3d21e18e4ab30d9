package io.github.mcpstarter.autoconfigure;

import java.util.List;

import io.micrometer.observation.ObservationRegistry;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletPath;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletRegistrationBean;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.observation.ServerRequestObservationConvention;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.json.JsonMapper;

import io.github.mcpstarter.discovery.McpEndpointScanner;
import io.github.mcpstarter.invocation.ContainerFilters;
import io.github.mcpstarter.invocation.EndpointRoutingGuard;
import io.github.mcpstarter.invocation.EndpointToolPublisher;
import io.github.mcpstarter.invocation.MvcDispatcher;
import io.github.mcpstarter.invocation.OutputSchemaPolicy;
import io.github.mcpstarter.invocation.ToolCallArgumentResolver;
import io.github.mcpstarter.invocation.ToolRequestAuthorizer;
import io.github.mcpstarter.protocol.JsonRpcCodec;
import io.github.mcpstarter.protocol.ToolRegistry;
import io.github.mcpstarter.schema.ToolSchemaGenerator;

/**
 * Discovery, schemas and in-process invocation: what turns annotated endpoints into tools.
 */
@Configuration(proxyBeanMethods = false)
class McpToolsConfiguration {

	@Bean
	@ConditionalOnMissingBean
	McpEndpointScanner mcpEndpointScanner(ObjectProvider<RequestMappingHandlerMapping> handlerMappings,
			RequestMappingHandlerAdapter handlerAdapter) {
		return new McpEndpointScanner(handlerMappings.orderedStream().toList(), handlerAdapter);
	}

	@Bean
	@ConditionalOnMissingBean
	ToolSchemaGenerator mcpToolSchemaGenerator(ObjectProvider<JsonMapper> jsonMapper) {
		// The application's mapper, the one its bodies are read and written with, decides the schemas.
		JsonMapper mapper = jsonMapper.getIfUnique();
		return (mapper != null) ? new ToolSchemaGenerator(mapper) : new ToolSchemaGenerator();
	}

	@Bean
	@ConditionalOnMissingBean
	MvcDispatcher mcpMvcDispatcher(DispatcherServlet dispatcherServlet, DispatcherServletPath dispatcherServletPath,
			ObjectProvider<ObservationRegistry> observationRegistry,
			ObjectProvider<ServerRequestObservationConvention> observationConvention, ContainerFilters filters) {
		// The endpoint's own http.server.requests observation, as the REST request would have had.
		return new MvcDispatcher(dispatcherServlet, dispatcherServletPath.getPath(),
				observationRegistry.getIfAvailable(() -> ObservationRegistry.NOOP), observationConvention.getIfAvailable(),
				filters);
	}

	/** The servlet filters of the application, which every tool call goes through as its REST call would. */
	@Bean
	@ConditionalOnMissingBean
	ContainerFilters mcpContainerFilters(ListableBeanFactory beanFactory) {
		return ContainerFilters.of(beanFactory);
	}

	@Bean
	@ConditionalOnMissingBean
	EndpointToolPublisher mcpEndpointToolPublisher(McpEndpointScanner scanner, ToolSchemaGenerator schemaGenerator,
			MvcDispatcher dispatcher, ToolRegistry toolRegistry, JsonRpcCodec codec,
			ObjectProvider<ToolRequestAuthorizer> authorizer, OutputSchemaPolicy outputSchemaPolicy,
			McpServerProperties properties) {
		EndpointToolPublisher publisher = new EndpointToolPublisher(scanner, schemaGenerator, dispatcher, toolRegistry,
				codec.mapper(), authorizer.getIfAvailable(() -> ToolRequestAuthorizer.ALLOW_ALL), outputSchemaPolicy,
				properties.getTools().getMaxResponseSize().toBytes());
		publisher.setConfirmDestructive(properties.getTools().isConfirmDestructive());
		return publisher;
	}

	@Bean
	@ConditionalOnMissingBean
	OutputSchemaPolicy mcpOutputSchemaPolicy(ApplicationContext context) {
		return new OutputSchemaPolicy(context);
	}

	@Bean
	@ConditionalOnMissingBean
	ToolCallArgumentResolver mcpToolCallArgumentResolver() {
		return new ToolCallArgumentResolver();
	}

	@Bean
	WebMvcConfigurer mcpToolCallArgumentsWebMvcConfigurer(ToolCallArgumentResolver resolver) {
		return new WebMvcConfigurer() {
			@Override
			public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
				resolvers.add(resolver);
			}

			// An in-process request runs its own endpoint's handler, never another one its path reaches.
			@Override
			public void addInterceptors(InterceptorRegistry registry) {
				registry.addInterceptor(new EndpointRoutingGuard());
			}
		};
	}

	/**
	 * Tool calls go straight into the DispatcherServlet, which the container otherwise
	 * initializes only on the first REST request; so it is loaded at startup.
	 */
	@Bean
	static BeanPostProcessor mcpDispatcherServletLoadOnStartup() {
		return new BeanPostProcessor() {
			@Override
			public Object postProcessBeforeInitialization(Object bean, String beanName) {
				if (bean instanceof DispatcherServletRegistrationBean registration) {
					registration.setLoadOnStartup(1);
				}
				return bean;
			}
		};
	}

}
