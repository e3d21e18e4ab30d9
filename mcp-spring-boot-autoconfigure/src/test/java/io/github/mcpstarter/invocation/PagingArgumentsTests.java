package io.github.mcpstarter.invocation;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.github.mcpstarter.fixture.MvcArgumentsApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring Data's {@code Pageable} and {@code Sort} parameters are published as the query parameters
 * the application's own resolvers read, with its settings: here pages count from one, the size
 * parameter is {@code per_page} and a page holds at most 50 (see the fixture's properties).
 */
@SpringBootTest(classes = MvcArgumentsApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PagingArgumentsTests {

	@LocalServerPort
	int port;

	private ToolCalls tools;

	@BeforeEach
	void connect() {
		this.tools = new ToolCalls(this.port);
	}

	@AfterEach
	void close() {
		this.tools.close();
	}

	@Test
	void aPageableIsPublishedAsPageSizeAndSortWithTheApplicationsSettings() {
		JsonNode properties = this.tools.inputSchema("products").path("properties");

		assertThat(properties.propertyNames()).containsExactly("page", "per_page", "sort");
		assertThat(properties.at("/page/type").asString()).isEqualTo("integer");
		assertThat(properties.at("/page/minimum").asInt()).isEqualTo(1);
		assertThat(properties.at("/page/default").asInt()).isEqualTo(1);
		assertThat(properties.at("/per_page/minimum").asInt()).isEqualTo(1);
		assertThat(properties.at("/per_page/maximum").asInt()).isEqualTo(50);
		assertThat(properties.at("/per_page/default").asInt()).isEqualTo(20);
		assertThat(properties.at("/sort/type").asString()).isEqualTo("array");
	}

	@Test
	void aCallWithPageSizeAndSortReachesThePageable() {
		JsonNode result = this.tools.success("products",
				Map.of("page", 2, "per_page", 5, "sort", List.of("name,desc", "id")));

		// One-indexed: page 2 is the Pageable's page 1. A lone 'name,desc' is one order, not split.
		assertThat(result.path("page").asInt()).isEqualTo(1);
		assertThat(result.path("size").asInt()).isEqualTo(5);
		assertThat(result.path("sort").asString()).isEqualTo("name: DESC,id: ASC");
		assertThat(this.tools.success("products", Map.of("sort", List.of("name,desc"))).path("sort").asString())
			.isEqualTo("name: DESC");
	}

	@Test
	void pageableDefaultsAreTheHandlersOwn() {
		JsonNode properties = this.tools.inputSchema("recent_products").path("properties");

		assertThat(properties.at("/per_page/default").asInt()).isEqualTo(5);
		assertThat(properties.at("/sort/description").asString()).contains("created,desc");
		assertThat(this.tools.success("recent_products", Map.of()).path("sort").asString())
			.isEqualTo("created: DESC");
	}

	@Test
	void aSortAloneIsPublishedAsSort() {
		JsonNode properties = this.tools.inputSchema("sorted_products").path("properties");

		assertThat(properties.propertyNames()).containsExactly("sort");
		assertThat(this.tools.success("sorted_products", Map.of("sort", List.of("price,asc"))).path("sort").asString())
			.isEqualTo("price: ASC");
	}

}
