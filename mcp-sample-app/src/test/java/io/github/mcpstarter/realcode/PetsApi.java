package io.github.mcpstarter.realcode;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

import io.github.mcpstarter.McpTool;
import io.github.mcpstarter.realcode.Models.NewPet;
import io.github.mcpstarter.realcode.Models.Pet;

/**
 * As openapi-generator's {@code spring} generator with {@code interfaceOnly} writes it: the
 * interface carries the mappings, the parameter annotations and default bodies; a
 * {@code @RestController} implements it ({@link PetsApiController}).
 */
@RequestMapping("/api/v1")
public interface PetsApi {

	@McpTool(description = "Returns one pet by its id (1 to 3).")
	@GetMapping(value = "/pets/{petId}", produces = "application/json")
	default ResponseEntity<Pet> getPetById(@PathVariable("petId") @Min(1) @Max(3) Long petId) {
		return new ResponseEntity<>(HttpStatus.NOT_IMPLEMENTED);
	}

	@McpTool(description = "Lists the pets, at most limit of them.")
	@GetMapping(value = "/pets", produces = "application/json")
	default ResponseEntity<List<Pet>> listPets(
			@RequestParam(value = "limit", required = false) @Min(1) @Max(100) Integer limit) {
		return new ResponseEntity<>(HttpStatus.NOT_IMPLEMENTED);
	}

	@McpTool(description = "Adds a pet.")
	@PostMapping(value = "/pets", produces = "application/json", consumes = "application/json")
	default ResponseEntity<Pet> createPet(@Valid @RequestBody NewPet newPet) {
		return new ResponseEntity<>(HttpStatus.NOT_IMPLEMENTED);
	}

	@McpTool(description = "Removes a pet; answers 204.")
	@DeleteMapping("/pets/{petId}")
	default ResponseEntity<Void> deletePet(@PathVariable("petId") @Min(1) @Max(3) Long petId) {
		return new ResponseEntity<>(HttpStatus.NOT_IMPLEMENTED);
	}

}
