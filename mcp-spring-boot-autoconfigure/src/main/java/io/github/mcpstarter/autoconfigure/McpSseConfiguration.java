package io.github.mcpstarter.autoconfigure;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.github.mcpstarter.protocol.JsonRpcCodec;
import io.github.mcpstarter.protocol.McpServer;
import io.github.mcpstarter.transport.OpenStreams;
import io.github.mcpstarter.transport.ResourceMetadataLocator;
import io.github.mcpstarter.transport.sse.SseTransportServlet;

/**
 * The legacy HTTP+SSE transport at {@code mcp.server.sse.path} and {@code mcp.server.sse.message-path},
 * beside Streamable HTTP: one server and one tool registry serve both.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "mcp.server.sse.enabled", matchIfMissing = true)
class McpSseConfiguration {

	static final String SERVLET_NAME = "mcpSseServlet";

	@Bean
	@ConditionalOnMissingBean(name = SERVLET_NAME)
	ServletRegistrationBean<SseTransportServlet> mcpSseServlet(McpServerProperties properties, McpServer server,
			JsonRpcCodec codec, OpenStreams streams, ObjectProvider<ResourceMetadataLocator> resourceMetadata) {
		McpServerProperties.Sse sse = properties.getSse();
		SseTransportServlet servlet = new SseTransportServlet(server, codec, streams, sse.getPath(),
				sse.getMessagePath(), properties.getStreamableHttp().getMaxRequestSize().toBytes(),
				resourceMetadata.getIfAvailable(() -> ResourceMetadataLocator.NONE));
		ServletRegistrationBean<SseTransportServlet> registration = new ServletRegistrationBean<>(servlet, sse.getPath(),
				sse.getMessagePath());
		registration.setName(SERVLET_NAME);
		registration.setLoadOnStartup(1);
		registration.setAsyncSupported(true);
		return registration;
	}

}
