package io.github.mcpstarter.realcode;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.stereotype.Component;

import io.github.mcpstarter.realcode.Models.Cat;
import io.github.mcpstarter.realcode.Models.Category;
import io.github.mcpstarter.realcode.Models.Dog;
import io.github.mcpstarter.realcode.Models.Pet;
import io.github.mcpstarter.realcode.Models.Tag;

/**
 * The fixture's data, in memory and deterministic: ids 1 to 3 exist after every {@link #reset()},
 * and the lookups' arguments are constrained to them ({@code @Min(1) @Max(3)}), so a call whose
 * arguments follow the schema finds what it asks for.
 */
@Component
class RealCodeData {

	final Map<Long, Pet> pets = new ConcurrentSkipListMap<>();

	final Map<Long, Category> categories = new ConcurrentSkipListMap<>();

	final Map<String, Tag> tags = new ConcurrentHashMap<>();

	final AtomicLong nextId = new AtomicLong();

	RealCodeData() {
		reset();
	}

	void reset() {
		this.pets.clear();
		this.pets.put(1L, new Dog(1, "Rex", "Beagle", LocalDate.of(2020, 5, 1)));
		this.pets.put(2L, new Cat(2, "Tom", true, Optional.of("Tommy")));
		this.pets.put(3L, new Cat(3, "Kit", false, Optional.empty()));
		this.categories.clear();
		Category puppies = new Category(3L, "Puppies", List.of());
		this.categories.put(1L, new Category(1L, "Dogs", List.of(puppies)));
		this.categories.put(2L, new Category(2L, "Cats", List.of()));
		this.categories.put(3L, puppies);
		this.tags.clear();
		this.tags.put("aaa", new Tag("aaa", "friendly"));
		this.nextId.set(100);
	}

	List<Pet> pets() {
		return new ArrayList<>(this.pets.values());
	}

}
