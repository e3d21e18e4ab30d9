package io.github.mcpstarter.invocation;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import io.github.mcpstarter.protocol.Content;
import io.github.mcpstarter.protocol.GetPromptResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The strict reading of an endpoint's JSON as prompt messages: every shape MCP defines, and a
 * message naming where a wrong one is wrong.
 */
class PromptMessagesTests {

	private final JsonMapper json = JsonMapper.builder().build();

	@Test
	void listOfMessagesObjectWithDescriptionAndStringAreRead() {
		GetPromptResult list = read("[{\"role\":\"assistant\",\"content\":{\"type\":\"text\",\"text\":\"hi\"}}]");
		assertThat(list.description()).isNull();
		assertThat(list.messages().get(0).role()).isEqualTo("assistant");
		assertThat(list.messages().get(0).content()).isEqualTo(new Content.Text("hi"));
		GetPromptResult object = read("{\"description\":\"d\",\"messages\":[]}");
		assertThat(object.description()).isEqualTo("d");
		assertThat(object.messages()).isEmpty();
		assertThat(read("\"plain\"").messages().get(0).content()).isEqualTo(new Content.Text("plain"));
	}

	@Test
	void everyContentTypeIsRead() {
		GetPromptResult result = read("[{\"role\":\"user\",\"content\":{\"type\":\"image\",\"data\":\"AAEC\",\"mimeType\":\"image/png\"}},"
				+ "{\"role\":\"user\",\"content\":{\"type\":\"audio\",\"data\":\"AAEC\",\"mimeType\":\"audio/wav\"}},"
				+ "{\"role\":\"user\",\"content\":{\"type\":\"resource\",\"resource\":{\"uri\":\"a://b\",\"blob\":\"AAEC\"}}},"
				+ "{\"role\":\"user\",\"content\":{\"type\":\"resource_link\",\"uri\":\"a://c\",\"name\":\"c\"}}]");
		assertThat(result.messages()).extracting((message) -> message.content().type())
			.containsExactly("image", "audio", "resource", "resource_link");
		assertThat(result.messages().get(2).content())
			.isEqualTo(new Content.Resource(Content.EmbeddedResource.blob("a://b", null, "AAEC")));
	}

	@Test
	void wrongShapesAreNamedWhereTheyAre() {
		assertWrong("42", "the body must be a list of messages, an object with \"messages\", or a string");
		assertWrong("{\"messages\":{}}", "messages: must be a list of messages");
		assertWrong("{\"messages\":[],\"extra\":1}", "extra: not a field of this object; allowed: [description, messages]");
		assertWrong("[\"hi\"]", "messages[0]: must be an object with \"role\" and \"content\"");
		assertWrong("[{\"role\":\"user\",\"content\":{\"type\":\"video\"}}]",
				"messages[0].content.type: must be one of text, image, audio, resource, resource_link; got 'video'");
		assertWrong("[{\"role\":\"user\",\"content\":{\"type\":\"text\",\"text\":1}}]", "messages[0].content.text: must be a string");
		assertWrong("[{\"role\":\"user\",\"content\":{\"type\":\"image\",\"data\":\"not base64!\",\"mimeType\":\"image/png\"}}]",
				"messages[0].content.data: must be base64");
		assertWrong("[{\"role\":\"user\",\"content\":{\"type\":\"image\",\"data\":\"AAEC\"}}]",
				"messages[0].content.mimeType: must be a string");
		assertWrong("[{\"role\":\"user\",\"content\":{\"type\":\"resource\",\"resource\":{\"uri\":\"a://b\"}}}]",
				"messages[0].content.resource: must have either \"text\" or \"blob\", not neither");
		assertWrong("[{\"role\":\"user\",\"content\":{\"type\":\"resource_link\",\"uri\":\"a://b\",\"name\":\"\"}}]",
				"messages[0].content.name: must not be empty");
		assertWrong("[{\"role\":\"user\",\"content\":{\"type\":\"text\",\"text\":\"x\",\"data\":\"AAEC\"}}]",
				"messages[0].content.data: not a field of this object; allowed: [_meta, annotations, text, type]");
		assertWrong("[{\"role\":\"user\",\"content\":{\"type\":\"text\",\"text\":\"x\",\"annotations\":"
				+ "{\"audience\":[\"model\"]}}}]",
				"messages[0].content.annotations.audience: must be a list of \"user\" and \"assistant\"");
		assertWrong("[{\"role\":\"user\",\"content\":{\"type\":\"text\",\"text\":\"x\",\"annotations\":"
				+ "{\"priority\":2}}}]", "messages[0].content.annotations.priority: must be a number from 0 to 1");
		assertWrong("[{\"role\":\"user\",\"content\":{\"type\":\"image\",\"data\":\"AAEC\",\"annotations\":"
				+ "{\"audience\":[\"user\"]}}}]", "messages[0].content.mimeType: must be a string");
	}

	@Test
	void annotationsAndMetaOfABlockReachTheClientAsWritten() throws Exception {
		String block = "{\"type\":\"text\",\"text\":\"Mind the total\",\"annotations\":{\"audience\":[\"assistant\"],"
				+ "\"priority\":0.8,\"lastModified\":\"2026-12-03T10:00:00Z\"},\"_meta\":{\"example.com/source\":\"orders\"}}";
		GetPromptResult result = read("[{\"role\":\"user\",\"content\":" + block + "}]");
		assertThat(result.messages().get(0).content().type()).isEqualTo("text");
		assertThat(this.json.readTree(this.json.writeValueAsString(result.messages().get(0))))
			.isEqualTo(this.json.readTree("{\"role\":\"user\",\"content\":" + block + "}"));
	}

	private GetPromptResult read(String body) {
		return PromptMessages.read(this.json.readTree(body));
	}

	private void assertWrong(String body, String message) {
		assertThatExceptionOfType(PromptMessages.WrongShapeException.class).isThrownBy(() -> read(body))
			.withMessage(message);
	}

}
