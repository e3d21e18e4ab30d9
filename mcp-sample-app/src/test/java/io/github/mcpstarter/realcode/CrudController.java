package io.github.mcpstarter.realcode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;

/**
 * A generic base controller, as many codebases have one: the mappings live here, the concrete
 * subclasses bind {@code T} and {@code ID} and give each tool its name.
 * @param <T> the entity
 * @param <ID> its id
 */
abstract class CrudController<T, ID> {

	protected abstract Map<ID, T> store();

	@GetMapping("/{id}")
	public T get(@PathVariable ID id) {
		T found = store().get(id);
		if (found == null) {
			throw new ResponseStatusException(org.springframework.http.HttpStatus.NOT_FOUND, "No such id: " + id);
		}
		return found;
	}

	@GetMapping
	public List<T> list() {
		return new ArrayList<>(store().values());
	}

	/** Declares a body type, answers 204: the shape REST services often have. */
	@DeleteMapping("/{id}")
	public ResponseEntity<T> delete(@PathVariable ID id) {
		store().remove(id);
		return ResponseEntity.noContent().build();
	}

}
