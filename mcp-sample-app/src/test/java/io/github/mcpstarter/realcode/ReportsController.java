package io.github.mcpstarter.realcode;

import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpEntity;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.github.mcpstarter.McpTool;
import io.github.mcpstarter.realcode.Models.Summary;

/**
 * Every body of this controller goes through {@link EnvelopeAdvice}; and the return styles that
 * carry no structured content: strings, bytes, multipart, {@code void}.
 */
@RestController
@RequestMapping("/api/reports")
class ReportsController {

	static final byte[] PNG = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 1, 2 };

	private final RealCodeData data;

	ReportsController(RealCodeData data) {
		this.data = data;
	}

	@McpTool(description = "A summary of the catalog, in the service's envelope.")
	@GetMapping("/summary")
	public Summary summary() {
		return new Summary("catalog", this.data.pets.size(), this.data.categories.size());
	}

	@McpTool(description = "The catalog as one line of text.")
	@GetMapping(path = "/line", produces = MediaType.TEXT_PLAIN_VALUE)
	public String line() {
		return this.data.pets.size() + " pets";
	}

	@McpTool(description = "The logo.")
	@GetMapping(path = "/logo", produces = MediaType.IMAGE_PNG_VALUE)
	public byte[] logo() {
		return PNG;
	}

	@McpTool(description = "A summary and a chart at once.")
	@GetMapping(path = "/digest", produces = MediaType.MULTIPART_MIXED_VALUE)
	public MultiValueMap<String, HttpEntity<?>> digest() {
		MultipartBodyBuilder parts = new MultipartBodyBuilder();
		parts.part("summary", "3 pets", MediaType.TEXT_PLAIN);
		parts.part("chart", PNG, MediaType.IMAGE_PNG);
		return parts.build();
	}

	@McpTool(description = "Rebuilds the search index; answers 200 without a body.")
	@PostMapping("/reindex")
	public void reindex(HttpServletResponse response) {
		response.setHeader("X-Reindexed", new String("yes".getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8));
	}

}
