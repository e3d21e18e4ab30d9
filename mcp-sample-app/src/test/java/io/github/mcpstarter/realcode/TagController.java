package io.github.mcpstarter.realcode;

import java.util.List;
import java.util.Map;

import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.github.mcpstarter.McpTool;
import io.github.mcpstarter.realcode.Models.OnCreate;
import io.github.mcpstarter.realcode.Models.OnUpdate;
import io.github.mcpstarter.realcode.Models.Tag;
import io.github.mcpstarter.realcode.Models.TagRequest;

/** A second subclass of the generic base, with a String id, and validation groups. */
@RestController
@RequestMapping("/api/tags")
class TagController extends CrudController<Tag, String> {

	private final RealCodeData data;

	TagController(RealCodeData data) {
		this.data = data;
	}

	@Override
	protected Map<String, Tag> store() {
		return this.data.tags;
	}

	@McpTool(name = "list_tags", description = "Every tag.")
	@Override
	public List<Tag> list() {
		return super.list();
	}

	// Validated with OnCreate, which forbids the id: the schema must not require it.
	@McpTool(description = "Creates a tag; the server chooses its id.")
	@PostMapping
	public ResponseEntity<Tag> createTag(@Validated(OnCreate.class) @RequestBody TagRequest request) {
		Tag tag = new Tag("t" + this.data.nextId.incrementAndGet(), request.label());
		this.data.tags.put(tag.id(), tag);
		return ResponseEntity.status(201).body(tag);
	}

	@McpTool(description = "Updates a tag, creating it when it does not exist.")
	@PutMapping
	public Tag updateTag(@Validated(OnUpdate.class) @RequestBody TagRequest request) {
		Tag tag = new Tag(request.id(), request.label());
		this.data.tags.put(tag.id(), tag);
		return tag;
	}

}
