package io.github.mcpstarter.realcode;

import java.time.Instant;
import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.github.mcpstarter.McpTool;
import io.github.mcpstarter.realcode.Models.StatusV1;
import io.github.mcpstarter.realcode.Models.StatusV2;

/** Two versions of one mapping (Spring Framework 7 API versioning, by the API-Version header). */
@RestController
@RequestMapping("/api/status")
class StatusController {

	@McpTool(name = "status_v1", description = "The service's status, version 1.0.")
	@GetMapping(version = "1.0")
	public StatusV1 statusV1() {
		return new StatusV1("up");
	}

	// Its own version must reach MVC: were the 1.0 handler to run, its result would break this schema.
	@McpTool(name = "status_v1_1", description = "The service's status with its components, version 1.1.")
	@GetMapping(version = "1.1")
	public StatusV2 statusV11() {
		return new StatusV2("up", Instant.parse("2025-01-01T00:00:00Z"), List.of("db", "cache"));
	}

}
