package io.github.mcpstarter.schema;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonValue;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Null;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.annotation.JsonSerialize;
import tools.jackson.databind.ser.std.ToStringSerializer;
import tools.jackson.databind.module.SimpleModule;

import io.github.mcpstarter.McpTool;

/**
 * An application whose bodies Jackson reads and writes otherwise than their Java types suggest:
 * {@code @JsonValue} and delegating creators, renamed creator parameters, a mix-in, inclusion
 * rules, a custom serializer, polymorphic and recursive types, {@code Optional}, {@code java.time},
 * validation groups, springdoc descriptions and access modes. With
 * {@code spring.jackson.property-naming-strategy=SNAKE_CASE} (set by the tests that start it) every
 * other property is renamed too.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(SchemaFixtureApplication.WireController.class)
public class SchemaFixtureApplication {

	/** The mix-in and the custom serializer, as an application registers them with Boot. */
	@Bean
	JsonMapperBuilderCustomizer schemaFixtureJackson() {
		return (builder) -> builder.addMixIn(Legacy.class, LegacyMixin.class)
			.addModule(new SimpleModule("temperature").addSerializer(Temperature.class, new TemperatureSerializer()));
	}

	@RestController
	static class WireController {

		@McpTool(description = "Prices an amount")
		@PostMapping("/wire/prices")
		Money price(@RequestBody Money money) {
			return new Money(money.amount().add(BigDecimal.ONE), money.currency());
		}

		@McpTool(description = "Records a reading")
		@PostMapping("/wire/readings")
		SensorReading record(@RequestBody SensorReading reading) {
			return reading;
		}

		@McpTool(description = "Ships a parcel")
		@PostMapping("/wire/shipments")
		Shipment ship(@RequestBody Shipment shipment) {
			return shipment;
		}

		@McpTool(description = "Round-trips a legacy record")
		@PostMapping("/wire/legacy")
		Legacy legacy(@RequestBody Legacy legacy) {
			return new Legacy(legacy.legacyReference(), "never written");
		}

		@McpTool(description = "The profile, without its unset fields")
		@GetMapping("/wire/profile")
		Profile profile() {
			return new Profile("ada", null);
		}

		@McpTool(description = "The temperature, as a custom serializer writes it")
		@GetMapping("/wire/temperature")
		Temperature temperature() {
			return new Temperature(21.5);
		}

		@McpTool(description = "Draws a shape")
		@PostMapping("/wire/shapes")
		Shape draw(@RequestBody Shape shape) {
			return shape;
		}

		@McpTool(description = "The last shape drawn, if any")
		@GetMapping("/wire/shapes/last")
		Optional<Shape> lastShape() {
			return Optional.of(new Circle(1));
		}

		@McpTool(description = "Logs an event")
		@PostMapping("/wire/events")
		Event event(@RequestBody Event event) {
			return new Event(event.note(), event.at(), event.day(), event.took(), List.of(event));
		}

		@McpTool(description = "Creates an account")
		@PostMapping("/wire/accounts")
		Account createAccount(@Validated(OnCreate.class) @RequestBody Account account) {
			return new Account(7L, account.name());
		}

		@McpTool(description = "Updates an account")
		@PutMapping("/wire/accounts")
		Account updateAccount(@Validated(OnUpdate.class) @RequestBody Account account) {
			return account;
		}

		@McpTool(description = "Saves an account with the default group")
		@PostMapping("/wire/accounts/default")
		Account saveAccount(@Valid @RequestBody Account account) {
			return new Account(8L, account.name());
		}

		@McpTool(description = "Books a slot; ids travel as strings, days as dd.MM.yyyy")
		@PostMapping("/wire/bookings")
		Booking book(@RequestBody Booking booking) {
			return new Booking(booking.id(), booking.day(), booking.count(), booking.seats());
		}

		@McpTool(description = "A badge, whose code a custom serializer writes")
		@GetMapping("/wire/badge")
		Badge badge() {
			return new Badge(new Temperature(1.0));
		}

		@McpTool(description = "Creates a product")
		@PostMapping("/wire/products")
		Product createProduct(@Valid @RequestBody Product product) {
			return new Product(product.sku(), product.priceCents(), Instant.parse("2026-01-01T00:00:00Z"), 3L,
					product.secret(), product.password(), product.grade(), product.quantity());
		}

	}

	/** Written and read as {@code "12.50 EUR"}. */
	@Schema(description = "An amount and its currency", example = "12.50 EUR")
	public record Money(BigDecimal amount, String currency) {

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

	/** Read and written under the creator's names. */
	public record SensorReading(String sensorId, double value) {

		@JsonCreator
		public SensorReading(@JsonProperty("sensor_id") String sensorId, @JsonProperty("reading") double value) {
			this.sensorId = sensorId;
			this.value = value;
		}

	}

	/** Renamed by the application's naming strategy alone. */
	public record Shipment(String trackingNumber, Instant shippedAt) {
	}

	/** Renamed and trimmed by {@link LegacyMixin}, which the application registers. */
	public record Legacy(String legacyReference, String internalNote) {
	}

	abstract static class LegacyMixin {

		@JsonProperty("ref")
		abstract String legacyReference();

		@com.fasterxml.jackson.annotation.JsonIgnore
		abstract String internalNote();

	}

	/** Unset properties are left out, never written as null. */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record Profile(String nickname, String bio) {
	}

	/** Written by {@link TemperatureSerializer}, whose shape no type says. */
	public record Temperature(double celsius) {
	}

	static final class TemperatureSerializer extends ValueSerializer<Temperature> {

		@Override
		public void serialize(Temperature value, JsonGenerator generator, SerializationContext context) {
			generator.writeString(value.celsius() + "°C");
		}

	}

	@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
	@JsonSubTypes({ @JsonSubTypes.Type(value = Circle.class, name = "circle"),
			@JsonSubTypes.Type(value = Square.class, name = "square") })
	public sealed interface Shape permits Circle, Square {

	}

	public record Circle(double radius) implements Shape {
	}

	public record Square(double side) implements Shape {
	}

	/** {@code Optional}, {@code java.time} and a recursive list. */
	public record Event(Optional<String> note, Instant at, LocalDate day, Duration took, List<Event> related) {
	}

	/** Properties whose own serializer or format, not their type, decides the JSON. */
	public record Booking(@JsonSerialize(using = ToStringSerializer.class) long id,
			@JsonFormat(pattern = "dd.MM.yyyy") LocalDate day,
			@JsonFormat(shape = JsonFormat.Shape.STRING) Integer count, int seats) {
	}

	public record Badge(@JsonSerialize(using = TemperatureSerializer.class) Temperature code) {
	}

	public interface OnCreate {

	}

	public interface OnUpdate {

	}

	/** The id is chosen by the server on create and required on update. */
	public record Account(@Null(groups = OnCreate.class) @NotNull(groups = OnUpdate.class) Long id,
			@NotBlank(groups = { OnCreate.class, OnUpdate.class }) String name) {
	}

	@JsonClassDescription("A product for sale")
	public record Product(@Schema(description = "Stock keeping unit", example = "AB-12") @NotBlank String sku,
			@JsonPropertyDescription("Price in cents") @Schema(example = "1250") long priceCents,
			@Schema(accessMode = Schema.AccessMode.READ_ONLY) Instant createdAt,
			@JsonProperty(access = JsonProperty.Access.READ_ONLY) Long version,
			@Schema(accessMode = Schema.AccessMode.WRITE_ONLY) String secret,
			@JsonProperty(access = JsonProperty.Access.WRITE_ONLY) String password,
			@Schema(allowableValues = { "A", "B" }) String grade, @Schema(defaultValue = "3") Integer quantity) {
	}

}
