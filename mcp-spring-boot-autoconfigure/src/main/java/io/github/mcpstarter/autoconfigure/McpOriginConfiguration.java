package io.github.mcpstarter.autoconfigure;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

import io.github.mcpstarter.security.OriginValidationFilter;

/**
 * Origin checking in front of every MCP servlet, against DNS rebinding.
 */
@Configuration(proxyBeanMethods = false)
class McpOriginConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "mcpOriginValidationFilter")
	FilterRegistrationBean<OriginValidationFilter> mcpOriginValidationFilter(McpServerProperties properties) {
		FilterRegistrationBean<OriginValidationFilter> registration = new FilterRegistrationBean<>(
				new OriginValidationFilter(properties.getSecurity().getAllowedOrigins()));
		registration.setName("mcpOriginValidationFilter");
		// By URL pattern, not servlet name: the container runs URL-pattern filters (Spring Security's
		// among them) before any servlet-name filter, and this one must come first.
		if (properties.getStreamableHttp().isEnabled()) {
			registration.addUrlPatterns(properties.getStreamableHttp().getPath());
		}
		if (properties.getSse().isEnabled()) {
			registration.addUrlPatterns(properties.getSse().getPath(), properties.getSse().getMessagePath());
		}
		// Ahead of authentication: a request from a hostile page is refused before anything else.
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
		registration.setAsyncSupported(true);
		return registration;
	}

}
