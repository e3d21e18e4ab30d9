package io.github.mcpstarter.realcode;

import java.nio.charset.StandardCharsets;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.github.mcpstarter.McpTool;

/** The return styles that become content blocks: audio, a resource at its own URI, other bytes. */
@RestController
@RequestMapping("/api/files")
class FilesController {

	static final byte[] WAV = { 'R', 'I', 'F', 'F', 4, 0, 0, 0, 'W', 'A', 'V', 'E' };

	@McpTool(description = "The shop's jingle.")
	@GetMapping("/jingle")
	public ResponseEntity<byte[]> jingle() {
		return ResponseEntity.ok().contentType(MediaType.parseMediaType("audio/wav")).body(WAV);
	}

	@McpTool(description = "The care guide, as the resource it is.")
	@GetMapping(path = "/care-guide", produces = MediaType.TEXT_MARKDOWN_VALUE)
	public ResponseEntity<String> careGuide() {
		return ResponseEntity.ok().header(HttpHeaders.CONTENT_LOCATION, "/docs/care-guide.md").body("# Care\nFeed daily.");
	}

	@McpTool(description = "The price list as PDF.")
	@GetMapping(path = "/price-list", produces = MediaType.APPLICATION_PDF_VALUE)
	public byte[] priceList() {
		return "%PDF-1.7\n".getBytes(StandardCharsets.ISO_8859_1);
	}

}
