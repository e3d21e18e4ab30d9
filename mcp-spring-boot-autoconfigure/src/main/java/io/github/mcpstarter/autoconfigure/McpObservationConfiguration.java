package io.github.mcpstarter.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.web.server.autoconfigure.ServerProperties;
import org.springframework.boot.web.server.servlet.context.ServletWebServerInitializedEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

import io.github.mcpstarter.observation.McpAuditLog;
import io.github.mcpstarter.observation.McpToolCallObservationConvention;
import io.github.mcpstarter.observation.McpTransportMetrics;
import io.github.mcpstarter.observation.ObservationToolCallObserver;
import io.github.mcpstarter.protocol.McpSessionStore;
import io.github.mcpstarter.protocol.TransportContext;
import io.github.mcpstarter.transport.OpenStreams;
import io.github.mcpstarter.transport.TransportStartupLog;

/**
 * What the team running the service sees: every tool call as an observation (outermost, so that
 * the audit line is written inside its span and carries its trace id), the audit log, the
 * transports' gauges, and the transports' URLs at startup.
 */
@Configuration(proxyBeanMethods = false)
class McpObservationConfiguration {

	@Bean
	@ConditionalOnMissingBean
	@Order(Ordered.HIGHEST_PRECEDENCE + 100)
	ObservationToolCallObserver mcpObservationToolCallObserver(ObjectProvider<ObservationRegistry> registry,
			ObjectProvider<McpToolCallObservationConvention> convention) {
		// Without Micrometer's auto-configuration there is no registry, and nothing to observe into.
		return new ObservationToolCallObserver(registry.getIfAvailable(() -> ObservationRegistry.NOOP),
				convention.getIfAvailable());
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBooleanProperty(name = "mcp.server.audit.enabled", matchIfMissing = true)
	@Order(Ordered.HIGHEST_PRECEDENCE + 200)
	McpAuditLog mcpAuditLog(McpServerProperties properties) {
		return new McpAuditLog(properties.getAudit().isLogArguments(), properties.getAudit().getRedactedFields());
	}

	/** The names of the enabled transports. */
	static List<String> enabledTransports(McpServerProperties properties) {
		List<String> names = new ArrayList<>();
		if (properties.getStreamableHttp().isEnabled()) {
			names.add(TransportContext.STREAMABLE_HTTP);
		}
		if (properties.getSse().isEnabled()) {
			names.add(TransportContext.SSE);
		}
		return names;
	}

	/** Only with an embedded server, whose port is known once it starts. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(ServletWebServerInitializedEvent.class)
	static class McpStartupLogConfiguration {

		@Bean
		@ConditionalOnMissingBean
		TransportStartupLog mcpTransportStartupLog(McpServerProperties properties,
				ObjectProvider<ServerProperties> serverProperties) {
			List<TransportStartupLog.Transport> transports = new ArrayList<>();
			if (properties.getStreamableHttp().isEnabled()) {
				transports.add(new TransportStartupLog.Transport("Streamable HTTP", properties.getStreamableHttp().getPath(),
						properties.getStreamableHttp().isStateless() ? "(stateless)" : null));
			}
			if (properties.getSse().isEnabled()) {
				transports.add(new TransportStartupLog.Transport("legacy HTTP+SSE", properties.getSse().getPath(),
						"(messages to " + properties.getSse().getMessagePath() + ")"));
			}
			ServerProperties server = serverProperties.getIfAvailable();
			return new TransportStartupLog(transports, properties.getPublicUrl(), (server != null) ? server.getSsl() : null);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterBinder.class)
	static class McpMetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		McpTransportMetrics mcpTransportMetrics(McpSessionStore sessionStore, OpenStreams streams,
				McpServerProperties properties) {
			return new McpTransportMetrics(sessionStore, streams, enabledTransports(properties));
		}

	}

}
