package io.github.mcpstarter.conformance;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.github.mcpstarter.McpResource;

/**
 * The resources and the resource template the conformance suite's resource scenarios read, each an
 * ordinary {@code GET} endpoint published with {@code @McpResource}: a read's contents are what the
 * endpoint writes, text for a textual media type and a base64 blob otherwise. URIs, names and texts
 * are those of the suite's reference server ({@code everything-server.ts}).
 *
 * <p>The list is ordered by name, so {@code static-binary} comes first; the 2026-07-28 caching
 * scenario reads the first listed resource, and that one is readable like the others.
 */
@RestController
@RequestMapping("/conformance/resources")
class ConformanceResourcesController {

	@McpResource(uri = "test://static-text", name = "static-text", title = "Static Text Resource",
			description = "A static text resource for testing")
	@GetMapping(path = "/static-text", produces = MediaType.TEXT_PLAIN_VALUE)
	String staticText() {
		return "This is the content of the static text resource.";
	}

	@McpResource(uri = "test://static-binary", name = "static-binary", title = "Static Binary Resource",
			description = "A static binary resource (image) for testing")
	@GetMapping(path = "/static-binary", produces = MediaType.IMAGE_PNG_VALUE)
	byte[] staticBinary() {
		return ConformanceToolsController.PNG;
	}

	/** The resource the subscribe and unsubscribe scenarios subscribe to. */
	@McpResource(uri = "test://watched-resource", name = "watched-resource", title = "Watched Resource",
			description = "A resource that can be subscribed to")
	@GetMapping(path = "/watched", produces = MediaType.TEXT_PLAIN_VALUE)
	String watched() {
		return "Watched resource content";
	}

	@McpResource(uri = "test://template/{id}/data", name = "template",
			description = "A resource template with parameter substitution")
	@GetMapping(path = "/template/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
	Map<String, Object> template(@PathVariable String id) {
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("id", id);
		data.put("templateTest", true);
		data.put("data", "Data for ID: " + id);
		return data;
	}

}
