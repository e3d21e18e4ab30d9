package io.github.mcpstarter.realcode;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import jakarta.validation.constraints.Pattern;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.github.mcpstarter.McpTool;
import io.github.mcpstarter.realcode.Models.Money;
import io.github.mcpstarter.realcode.Models.Price;
import io.github.mcpstarter.realcode.Models.SensorReading;

/** Jackson decides the wire: creators, {@code @JsonValue}, renamed properties, {@code java.time}. */
@RestController
@RequestMapping("/api")
class ReadingsController {

	// Jackson reads sensor_id/taken_at (creator parameters), not the Java names sensorId/takenAt.
	@McpTool(description = "Records a sensor reading and returns it.")
	@PostMapping("/readings")
	public SensorReading recordReading(@RequestBody SensorReading reading) {
		if (reading.sensorId() == null || reading.takenAt() == null) {
			throw new org.springframework.web.server.ResponseStatusException(
					org.springframework.http.HttpStatus.BAD_REQUEST, "sensor_id and taken_at are required");
		}
		return reading;
	}

	// Money is written by its @JsonValue as "12.50 EUR": a string, not an object.
	@McpTool(description = "The price of a product, by its SKU (such as SKU-1001).")
	@GetMapping("/prices/{sku}")
	public Price priceOf(@PathVariable @Pattern(regexp = "SKU-[0-9]{4}") String sku) {
		return new Price(sku, new Money(new BigDecimal("12.50"), "EUR"), Instant.parse("2025-01-01T00:00:00Z"));
	}

	@McpTool(description = "Readings of a sensor between two dates.")
	@GetMapping("/readings")
	public List<SensorReading> readingsBetween(
			@RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant until) {
		return List.of(new SensorReading("s-1", 21.5, from.atStartOfDay().toInstant(java.time.ZoneOffset.UTC)));
	}

}
