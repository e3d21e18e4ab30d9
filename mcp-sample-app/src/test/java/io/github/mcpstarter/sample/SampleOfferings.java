package io.github.mcpstarter.sample;

import io.github.mcpstarter.sample.orders.OrderService;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every client should see of the sample's resources, resource templates, prompts and
 * completions, published from its ordinary controllers: the summary fields the Node.js client
 * scripts record ({@code resources}, {@code order2Resource}, {@code summarizeOrder}, ...).
 */
final class SampleOfferings {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private SampleOfferings() {
	}

	/**
	 * Resources, templates, prompts and completions of the sample's ordinary controllers, as the
	 * client's own API saw them, whichever the era or transport.
	 */
	static void assertSeenBy(JsonNode summary, String client, OrderService orders) {
		assertThat(strings(summary.at("/resources"))).as("%s resources", client).containsExactly("catalog://products");
		assertThat(strings(summary.at("/resourceTemplates"))).as("%s templates", client)
			.containsExactlyInAnyOrder("orders://{id}", "products://{sku}");
		JsonNode order2 = summary.at("/order2Resource/0");
		assertThat(order2.at("/uri").asString()).isEqualTo("orders://2");
		assertThat(order2.at("/mimeType").asString()).isEqualTo("application/json");
		assertThat(JSON.readTree(order2.at("/text").asString()).at("/customerEmail").asString())
			.isEqualTo(orders.get(2).customerEmail());
		assertThat(summary.at("/unknownResource/thrown").asBoolean()).as("%s orders://999 %s", client, summary.at("/unknownResource"))
			.isTrue();
		assertThat(summary.at("/unknownResource/data/uri").asString()).isEqualTo("orders://999");
		assertThat(summary.at("/prompts").valueStream().map((prompt) -> prompt.at("/name").asString()))
			.as("%s prompts", client)
			.containsExactlyInAnyOrder("orders_in_status", "summarize_order");
		JsonNode message = summary.at("/summarizeOrder/0");
		assertThat(message.at("/role").asString()).isEqualTo("user");
		assertThat(message.at("/type").asString()).isEqualTo("text");
		assertThat(message.at("/text").asString()).contains("order #2", orders.get(2).customerEmail(), "PAID");
		assertThat(strings(summary.at("/skuCompletion/values"))).as("%s SKU suggestions", client)
			.isNotEmpty()
			.allSatisfy((sku) -> assertThat(sku).startsWith("SKU-100"));
		assertThat(strings(summary.at("/statusCompletion/values"))).as("%s status suggestions", client).containsExactly("SHIPPED");
	}

	private static java.util.List<String> strings(JsonNode array) {
		return array.valueStream().map(JsonNode::asString).toList();
	}

}
