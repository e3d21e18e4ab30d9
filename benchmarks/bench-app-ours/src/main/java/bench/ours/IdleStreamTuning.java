package bench.ours;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The README's Tomcat recipe for many idle SSE streams, for the memory measurement's "tuned" rows
 * only: {@code --bench.idle-stream-tuning=true}. Off by default, so every other figure is Tomcat's
 * defaults. The response header buffer is set with {@code server.tomcat.max-http-response-header-size}
 * by the harness.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("bench.idle-stream-tuning")
class IdleStreamTuning {

	@Bean
	TomcatConnectorCustomizer idleStreamBuffers() {
		return (connector) -> {
			// Each connection's socket read and write buffers (8 KB each by default); the read size is
			// also added to the request header buffer of each request in progress.
			connector.setProperty("socket.appReadBufSize", "1024");
			connector.setProperty("socket.appWriteBufSize", "1024");
			// The buffer for the trailer of a chunked request, allocated with every processor (8 KB).
			connector.setProperty("maxTrailerSize", "1024");
		};
	}

}
