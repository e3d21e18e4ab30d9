package io.github.mcpstarter.invocation;

import java.util.ArrayList;
import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import tools.jackson.databind.json.JsonMapper;

import io.github.mcpstarter.discovery.McpEndpoint;
import io.github.mcpstarter.discovery.McpEndpointScanner;
import io.github.mcpstarter.discovery.ResourceEndpoints;
import io.github.mcpstarter.protocol.RegisteredResource;
import io.github.mcpstarter.protocol.RegisteredResourceTemplate;
import io.github.mcpstarter.protocol.Resource;
import io.github.mcpstarter.protocol.ResourceRegistry;
import io.github.mcpstarter.protocol.ResourceTemplate;
import io.github.mcpstarter.protocol.ResourceTemplateRegistry;

/**
 * Publishes the {@code @McpResource} endpoints as resources and resource templates once every
 * singleton exists, as {@link EndpointToolPublisher} publishes tools (and for the same reason
 * before the web server takes requests). A problem with any endpoint fails startup.
 *
 * @since 0.2.0
 */
public class EndpointResourcePublisher implements SmartInitializingSingleton {

	private static final Log logger = LogFactory.getLog(EndpointResourcePublisher.class);

	private final McpEndpointScanner scanner;

	private final MvcDispatcher dispatcher;

	private final ResourceRegistry resources;

	private final ResourceTemplateRegistry templates;

	private final JsonMapper mapper;

	private final ToolRequestAuthorizer authorizer;

	private final long maxResponseSize;

	private final String uriScheme;

	/**
	 * @param scanner finds the annotated endpoints
	 * @param dispatcher the DispatcherServlet reads run through
	 * @param resources where the resources are published
	 * @param templates where the resource templates are published
	 * @param mapper the JSON mapper of invocations
	 * @param authorizer applies the application's URL rules to each concrete request
	 * @param maxResponseSize the most bytes of response body a read holds
	 * @param uriScheme the scheme of URIs derived from a mapping
	 */
	public EndpointResourcePublisher(McpEndpointScanner scanner, MvcDispatcher dispatcher, ResourceRegistry resources,
			ResourceTemplateRegistry templates, JsonMapper mapper, ToolRequestAuthorizer authorizer,
			long maxResponseSize, String uriScheme) {
		this.scanner = scanner;
		this.dispatcher = dispatcher;
		this.resources = resources;
		this.templates = templates;
		this.mapper = mapper;
		this.authorizer = authorizer;
		this.maxResponseSize = maxResponseSize;
		this.uriScheme = uriScheme;
	}

	@Override
	public void afterSingletonsInstantiated() {
		long start = System.nanoTime();
		List<RegisteredResource> resources = new ArrayList<>();
		List<RegisteredResourceTemplate> templates = new ArrayList<>();
		for (ResourceEndpoints.ResourceEndpoint published : ResourceEndpoints.scan(this.scanner, this.uriScheme)) {
			McpEndpoint endpoint = published.endpoint();
			EndpointInvoker invoker = new EndpointInvoker(endpoint, this.dispatcher, this.mapper, this.authorizer,
					this.maxResponseSize);
			SpringMvcResourceReader reader = new SpringMvcResourceReader(invoker, published.mimeType());
			String uri = published.uriTemplate().text();
			if (published.uriTemplate().isTemplate()) {
				templates.add(new RegisteredResourceTemplate(new ResourceTemplate(uri, endpoint.name(), endpoint.title(),
						endpoint.description(), published.mimeType()), published.uriTemplate(), reader, invoker));
			}
			else {
				resources.add(new RegisteredResource(
						new Resource(uri, endpoint.name(), endpoint.title(), endpoint.description(), published.mimeType()),
						reader, invoker));
			}
		}
		this.resources.publish(resources);
		this.templates.publish(templates);
		if (logger.isInfoEnabled() && !(resources.isEmpty() && templates.isEmpty())) {
			logger.info("Published " + count(resources.size(), "MCP resource") + " and "
					+ count(templates.size(), "resource template") + " in " + (System.nanoTime() - start) / 1_000_000
					+ " ms: " + String.join(", ", resources.stream().map(RegisteredResource::name).toList())
					+ (templates.isEmpty() || resources.isEmpty() ? "" : "; ")
					+ String.join(", ", templates.stream().map(RegisteredResourceTemplate::name).toList()));
		}
	}

	private static String count(int count, String noun) {
		return count + " " + noun + ((count == 1) ? "" : "s");
	}

}
