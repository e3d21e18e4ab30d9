package io.github.mcpstarter.realcode;

import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.springframework.data.domain.Pageable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import io.github.mcpstarter.McpTool;
import io.github.mcpstarter.realcode.Models.Cat;
import io.github.mcpstarter.realcode.Models.Dog;
import io.github.mcpstarter.realcode.Models.NewPet;
import io.github.mcpstarter.realcode.Models.Pet;
import io.github.mcpstarter.realcode.Models.PetSearch;
import io.github.mcpstarter.realcode.Models.Species;

/** The implementation of the generated interface, plus endpoints of its own. */
@RestController
class PetsApiController implements PetsApi {

	private final RealCodeData data;

	PetsApiController(RealCodeData data) {
		this.data = data;
	}

	@Override
	public ResponseEntity<Pet> getPetById(Long petId) {
		Pet pet = this.data.pets.get(petId);
		return (pet != null) ? ResponseEntity.ok(pet) : ResponseEntity.notFound().build();
	}

	@Override
	public ResponseEntity<List<Pet>> listPets(Integer limit) {
		List<Pet> pets = this.data.pets();
		return ResponseEntity.ok(pets.subList(0, Math.min(pets.size(), (limit != null) ? limit : pets.size())));
	}

	@Override
	public ResponseEntity<Pet> createPet(NewPet newPet) {
		long id = this.data.nextId.incrementAndGet();
		Pet pet = (newPet.getSpecies() == Species.DOG) ? new Dog(id, newPet.getName(), "mixed", LocalDate.of(2024, 1, 1))
				: new Cat(id, newPet.getName(), true, Optional.empty());
		this.data.pets.put(id, pet);
		return ResponseEntity.created(URI.create("/api/v1/pets/" + id)).body(pet);
	}

	@Override
	public ResponseEntity<Void> deletePet(Long petId) {
		this.data.pets.remove(petId);
		return ResponseEntity.noContent().build();
	}

	// MVC writes a returned Optional's value without its @JsonTypeInfo id ("kind"; ResponseEntity<Pet> has
	// it), which this harness found: such a tool publishes no outputSchema rather than a wrong one.
	@McpTool(description = "Finds a pet by its exact name; answers an empty body when there is none.")
	@GetMapping("/api/v1/pets/by-name")
	public Optional<Pet> findPetByName(@RequestParam String name) {
		return this.data.pets().stream().filter((pet) -> pet.name().equals(name)).findFirst();
	}

	@McpTool(description = "Searches pets by species and minimum age.")
	@GetMapping("/api/v1/pets/search")
	public List<Pet> searchPets(@ModelAttribute PetSearch search) {
		return this.data.pets()
			.stream()
			.filter((pet) -> search.species() == null || (search.species() == Species.DOG) == (pet instanceof Dog))
			.toList();
	}

	// The Pageable becomes page, size and sort arguments, never dropped.
	@McpTool(description = "One page of pets.")
	@GetMapping("/api/v1/pets/paged")
	public NamePage pagedPetNames(Pageable pageable) {
		List<String> names = this.data.pets().stream().map(Pet::name).toList();
		if (pageable.getPageSize() <= 0) {
			throw new ResponseStatusException(org.springframework.http.HttpStatus.BAD_REQUEST, "size must be positive");
		}
		int from = (int) Math.min(names.size(), pageable.getOffset());
		int to = Math.min(names.size(), from + pageable.getPageSize());
		return new NamePage(names.subList(from, to), pageable.getPageNumber(), pageable.getPageSize(), names.size());
	}

	/** A page as the service writes it (Spring Data's own Page is not a stable JSON shape). */
	record NamePage(List<String> names, int page, int size, long totalElements) {
	}

	/** A JSON scalar, which the result wraps as {"result": 3}. */
	@McpTool(description = "How many pets there are.")
	@GetMapping("/api/v1/pets/count")
	public long countPets() {
		return this.data.pets.size();
	}

	/** Not a Pet on purpose: a Cat whose nickname is absent. */
	@McpTool(description = "The indoor cats.")
	@GetMapping("/api/v1/cats/indoor")
	public List<Cat> indoorCats() {
		return this.data.pets().stream().filter(Cat.class::isInstance).map(Cat.class::cast).filter(Cat::indoor).toList();
	}

}
