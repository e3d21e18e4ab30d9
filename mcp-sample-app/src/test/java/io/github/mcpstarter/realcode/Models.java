package io.github.mcpstarter.realcode;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonValue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Null;
import jakarta.validation.constraints.Size;

/** The fixture's models, shaped as real codebases shape theirs. */
final class Models {

	private Models() {
	}

	/** Polymorphic: Jackson writes and reads a {@code kind} property naming the subtype. */
	@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
	@JsonSubTypes({ @JsonSubTypes.Type(value = Dog.class, name = "dog"), @JsonSubTypes.Type(value = Cat.class, name = "cat") })
	sealed interface Pet permits Dog, Cat {

		long id();

		String name();

	}

	record Dog(long id, String name, String breed, LocalDate born) implements Pet {
	}

	record Cat(long id, String name, boolean indoor, Optional<String> nickname) implements Pet {
	}

	/** An openapi-generator style request model: a class with a no-arg constructor and setters. */
	static class NewPet {

		@NotBlank
		@Size(max = 40)
		private String name;

		@NotNull
		private Species species;

		public String getName() {
			return this.name;
		}

		public void setName(String name) {
			this.name = name;
		}

		public Species getSpecies() {
			return this.species;
		}

		public void setSpecies(Species species) {
			this.species = species;
		}

	}

	enum Species {

		DOG, CAT

	}

	/** A {@code @ModelAttribute} query object, bound from query parameters. */
	record PetSearch(Species species, @Min(0) @Max(30) Integer minAge) {
	}

	/** Recursive: a category holds categories. */
	record Category(Long id, String name, List<Category> children) {
	}

	record Tag(String id, String label) {
	}

	/** Written as one string, "12.50 EUR", and read from one: a delegating creator and @JsonValue. */
	record Money(BigDecimal amount, String currency) {

		@JsonCreator(mode = JsonCreator.Mode.DELEGATING)
		static Money parse(String text) {
			String[] parts = text.trim().split(" ");
			return new Money(new BigDecimal(parts[0]), parts[1]);
		}

		@JsonValue
		String text() {
			return this.amount.toPlainString() + " " + this.currency;
		}

	}

	record Price(String sku, Money amount, Instant validFrom) {
	}

	/** Renamed on the wire by its canonical constructor's @JsonProperty parameters. */
	record SensorReading(String sensorId, double value, Instant takenAt) {

		@JsonCreator
		SensorReading(@JsonProperty("sensor_id") String sensorId, @JsonProperty("value") double value,
				@JsonProperty("taken_at") Instant takenAt) {
			this.sensorId = sensorId;
			this.value = value;
			this.takenAt = takenAt;
		}

		@JsonProperty("sensor_id")
		public String sensorId() {
			return this.sensorId;
		}

		@JsonProperty("taken_at")
		public Instant takenAt() {
			return this.takenAt;
		}

	}

	interface OnCreate {
	}

	interface OnUpdate {
	}

	/** One request type for create and update: the id is forbidden on create, required on update. */
	record TagRequest(@Null(groups = OnCreate.class) @NotNull(groups = OnUpdate.class) String id,
			@NotBlank(groups = { OnCreate.class, OnUpdate.class }) String label) {
	}

	/** What {@link EnvelopeAdvice} writes for every body of {@link ReportsController}. */
	record ApiEnvelope<T>(T data, Meta meta) {
	}

	record Meta(String service, int version) {
	}

	record Summary(String title, long pets, long categories) {
	}

	record StatusV1(String status) {
	}

	record StatusV2(String status, Instant checkedAt, List<String> components) {
	}

}
