package io.github.mcpstarter.sample;

import java.util.List;

import io.github.mcpstarter.sample.seed.SeedData;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * What the tests that start the sample app share: its port, chosen before startup because the
 * embedded issuer's URL names it, and the seed data, reset before every test. Each test class
 * keeps its own {@code @SpringBootTest}.
 */
abstract class SampleAppTestSupport {

	/** The sample's tools, as a client with every scope lists them. */
	static final List<String> PUBLISHED_TOOLS = List.of("cancel_order", "create_order", "get_order", "get_product",
			"inventory_valuation", "list_orders", "list_products", "search_products", "set_order_note", "ship_order",
			"update_order_status");

	@LocalServerPort
	int port;

	@Autowired
	SeedData seedData;

	@DynamicPropertySource
	static void serverPort(DynamicPropertyRegistry registry) {
		DemoAuthorizationServer.useFreePort(registry);
	}

	@BeforeEach
	void resetSeedData() {
		this.seedData.reset();
	}

	/** The Java SDK's Streamable HTTP transport to this app's {@code /mcp}, with a bearer token. */
	io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport streamableTransport(String token) {
		return io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport
			.builder(DemoAuthorizationServer.baseUrl(this.port))
			.endpoint("/mcp")
			.jsonMapper(new io.modelcontextprotocol.json.jackson3.JacksonMcpJsonMapper(
					tools.jackson.databind.json.JsonMapper.builder().build()))
			.addHttpRequestCustomizer(
					(request, method, endpoint, body, context) -> request.header("Authorization", "Bearer " + token))
			.build();
	}

}
