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
import io.github.mcpstarter.transport.SessionEventLog;
import io.github.mcpstarter.transport.streamable.StreamableHttpTransportServlet;

/**
 * The Streamable HTTP transport at {@code mcp.server.streamable-http.path}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "mcp.server.streamable-http.enabled", matchIfMissing = true)
class McpStreamableHttpConfiguration {

	static final String SERVLET_NAME = "mcpStreamableHttpServlet";

	@Bean
	@ConditionalOnMissingBean(name = SERVLET_NAME)
	ServletRegistrationBean<StreamableHttpTransportServlet> mcpStreamableHttpServlet(McpServerProperties properties,
			McpServer server, JsonRpcCodec codec, OpenStreams streams,
			ObjectProvider<ResourceMetadataLocator> resourceMetadata, ObjectProvider<SessionEventLog> eventLog) {
		McpServerProperties.StreamableHttp streamableHttp = properties.getStreamableHttp();
		StreamableHttpTransportServlet servlet = new StreamableHttpTransportServlet(server, codec, streams,
				new StreamableHttpTransportServlet.Settings(streamableHttp.getMaxRequestSize().toBytes(),
						streamableHttp.isStateless(), streamableHttp.getReplayBufferSize(),
						properties.getSession().getKeepAliveInterval().toMillis(),
						resourceMetadata.getIfAvailable(() -> ResourceMetadataLocator.NONE)),
				eventLog.getIfAvailable());
		ServletRegistrationBean<StreamableHttpTransportServlet> registration = new ServletRegistrationBean<>(servlet,
				streamableHttp.getPath());
		registration.setName(SERVLET_NAME);
		registration.setLoadOnStartup(1);
		// The GET stream outlives its request on the servlet's asynchronous support.
		registration.setAsyncSupported(true);
		return registration;
	}

}
