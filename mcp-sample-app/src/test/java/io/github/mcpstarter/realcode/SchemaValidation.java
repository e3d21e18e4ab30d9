package io.github.mcpstarter.realcode;

import java.util.List;

import com.networknt.schema.Error;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import tools.jackson.databind.JsonNode;

/** Validation against a JSON Schema 2020-12, by networknt's json-schema-validator. */
public final class SchemaValidation {

	private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

	/** What is wrong with the instance, one line per error; empty when it validates. */
	public List<String> errors(JsonNode schema, JsonNode instance) {
		List<Error> errors = this.registry.getSchema(schema).validate(instance);
		return errors.stream().map((error) -> error.getInstanceLocation() + ": " + error.getMessage()).toList();
	}

}
