package io.github.mcpstarter.transport;

import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.web.server.Ssl;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.boot.web.server.servlet.context.ServletWebServerInitializedEvent;
import org.springframework.context.ApplicationListener;

/**
 * Logs, once the web server listens, one line per enabled transport with the URL clients connect
 * to, such as {@code MCP Streamable HTTP transport at http://localhost:8080/mcp}.
 *
 * <p>It waits for the web server because only then is the port known (with {@code server.port=0},
 * say). The URL is {@code mcp.server.public-url} plus the path when that is set, since behind a
 * proxy the local address is not where clients connect.
 *
 * @since 0.1.0
 */
public class TransportStartupLog implements ApplicationListener<ServletWebServerInitializedEvent> {

	private static final Log logger = LogFactory.getLog(TransportStartupLog.class);

	private final List<Transport> transports;

	private final @Nullable String publicUrl;

	private final @Nullable Ssl ssl;

	/**
	 * @param transports the enabled transports
	 * @param publicUrl {@code mcp.server.public-url}, or {@code null}
	 * @param ssl the server's SSL configuration, or {@code null}
	 */
	public TransportStartupLog(List<Transport> transports, @Nullable String publicUrl, @Nullable Ssl ssl) {
		this.transports = List.copyOf(transports);
		this.publicUrl = publicUrl;
		this.ssl = ssl;
	}

	@Override
	public void onApplicationEvent(ServletWebServerInitializedEvent event) {
		WebServerApplicationContext context = event.getApplicationContext();
		// The management server on its own port fires this event too; the MCP endpoints are not on it.
		if (context.getServerNamespace() != null || !logger.isInfoEnabled()) {
			return;
		}
		String base = base(event);
		for (Transport transport : this.transports) {
			logger.info("MCP " + transport.title() + " transport at " + base + transport.path()
					+ ((transport.detail() != null) ? " " + transport.detail() : ""));
		}
	}

	private String base(ServletWebServerInitializedEvent event) {
		if (this.publicUrl != null) {
			return this.publicUrl.endsWith("/") ? this.publicUrl.substring(0, this.publicUrl.length() - 1)
					: this.publicUrl;
		}
		String scheme = Ssl.isEnabled(this.ssl) ? "https" : "http";
		String contextPath = event.getApplicationContext().getServletContext().getContextPath();
		return scheme + "://localhost:" + event.getWebServer().getPort() + contextPath;
	}

	/**
	 * A transport to announce.
	 *
	 * @param title its name in the log line
	 * @param path its path within the servlet context
	 * @param detail what to add after its URL, or {@code null}
	 */
	public record Transport(String title, String path, @Nullable String detail) {
	}

}
