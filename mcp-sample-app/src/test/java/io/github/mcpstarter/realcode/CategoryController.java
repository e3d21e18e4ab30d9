package io.github.mcpstarter.realcode;

import java.util.List;
import java.util.Map;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.github.mcpstarter.McpTool;
import io.github.mcpstarter.realcode.Models.Category;

/** A concrete subclass of the generic base: the mappings are inherited, the tools named here. */
@RestController
@RequestMapping("/api/categories")
class CategoryController extends CrudController<Category, Long> {

	private final RealCodeData data;

	CategoryController(RealCodeData data) {
		this.data = data;
	}

	@Override
	protected Map<Long, Category> store() {
		return this.data.categories;
	}

	@McpTool(name = "get_category", description = "One category with its subcategories.")
	@Override
	public Category get(Long id) {
		return super.get(id);
	}

	@McpTool(name = "list_categories", description = "Every category.")
	@Override
	public List<Category> list() {
		return super.list();
	}

	@McpTool(name = "delete_category", description = "Removes a category; answers 204.")
	@Override
	public ResponseEntity<Category> delete(Long id) {
		return super.delete(id);
	}

}
