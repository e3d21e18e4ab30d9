package io.github.mcpstarter.autoconfigure;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

import io.github.mcpstarter.protocol.JsonRpcCodec;
import io.github.mcpstarter.protocol.McpServer;
import io.github.mcpstarter.security.OriginValidationFilter;
import io.github.mcpstarter.transport.streamable.StreamableHttpTransportServlet;

/**
 * The Streamable HTTP transport at {@code mcp.server.streamable-http.path}, with Origin checking
 * in front of it.
 */
@Configuration(proxyBeanMethods = false)
class McpStreamableHttpConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "mcpStreamableHttpServlet")
	ServletRegistrationBean<StreamableHttpTransportServlet> mcpStreamableHttpServlet(McpServerProperties properties,
			McpServer server, JsonRpcCodec codec) {
		StreamableHttpTransportServlet servlet = new StreamableHttpTransportServlet(server, codec,
				properties.getStreamableHttp().getMaxRequestSize().toBytes());
		ServletRegistrationBean<StreamableHttpTransportServlet> registration = new ServletRegistrationBean<>(servlet,
				properties.getStreamableHttp().getPath());
		registration.setName("mcpStreamableHttpServlet");
		registration.setLoadOnStartup(1);
		registration.setAsyncSupported(true);
		return registration;
	}

	@Bean
	@ConditionalOnMissingBean(name = "mcpOriginValidationFilter")
	FilterRegistrationBean<OriginValidationFilter> mcpOriginValidationFilter(McpServerProperties properties) {
		FilterRegistrationBean<OriginValidationFilter> registration = new FilterRegistrationBean<>(
				new OriginValidationFilter(properties.getSecurity().getAllowedOrigins()));
		registration.setName("mcpOriginValidationFilter");
		registration.addServletNames("mcpStreamableHttpServlet");
		// Ahead of authentication: a request from a hostile page is refused before anything else.
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
		return registration;
	}

}
