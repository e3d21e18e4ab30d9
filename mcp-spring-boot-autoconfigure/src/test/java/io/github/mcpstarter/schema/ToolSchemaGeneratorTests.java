package io.github.mcpstarter.schema;

import java.math.BigDecimal;
import java.security.Principal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.json.JSONException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.skyscreamer.jsonassert.JSONAssert;
import org.skyscreamer.jsonassert.JSONCompareMode;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.http.HttpEntity;
import org.springframework.http.RequestEntity;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.node.ObjectNode;

import io.github.mcpstarter.McpTool;
import io.github.mcpstarter.discovery.McpEndpoint;
import io.github.mcpstarter.discovery.McpEndpointScanner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ToolSchemaGenerator}, run on endpoints that the real Spring MVC machinery maps
 * and that {@link McpEndpointScanner} describes. Expected schemas are written by hand and compared
 * strictly: no missing keyword, no extra keyword, numbers not strings.
 */
@ExtendWith(OutputCaptureExtension.class)
class ToolSchemaGeneratorTests {

	private static Map<String, McpEndpoint> endpoints;

	private final ToolSchemaGenerator generator = new ToolSchemaGenerator();

	@BeforeAll
	static void scanFixture() {
		endpoints = scan(SchemaFixtureController.class).stream()
			.collect(Collectors.toMap(McpEndpoint::name, Function.identity()));
	}

	// Inputs: path variables, query parameters, headers

	@Test
	void pathVariablesAreRequiredAndCarryFormatAndConstraints() throws JSONException {
		assertInput("get_item", """
				{
					"type": "object",
					"properties": {
						"id": { "type": "integer", "exclusiveMinimum": 0 },
						"ref": { "type": "string", "format": "uuid" },
						"code": { "type": "string", "pattern": "[A-Z]{3}" }
					},
					"required": ["id", "ref", "code"],
					"additionalProperties": false
				}
				""");
	}

	@Test
	void requestParametersAreRequiredUnlessNotRequiredDefaultedOrOptionalAndDefaultsAreTyped()
			throws JSONException {
		assertInput("search_items", """
				{
					"type": "object",
					"properties": {
						"q": { "type": "string" },
						"sort": { "type": "string" },
						"size": { "type": "integer", "default": 20 },
						"page": { "type": "integer" },
						"tags": { "description": "A single value must not contain a comma: Spring MVC splits a lone value at its commas (send two or more values, or none with a comma).", "type": "array", "items": { "type": "string" } },
						"colors": { "type": "array", "items": { "type": "string", "enum": ["RED", "GREEN", "BLUE"] } },
						"active": { "type": "boolean", "default": true },
						"ratio": { "type": "number", "default": 0.5 },
						"weeks": { "type": "integer", "default": 7 }
					},
					"required": ["q", "tags"],
					"additionalProperties": false
				}
				""");
	}

	@Test
	void integerDefaultIsANumberNotAString() {
		ObjectNode size = (ObjectNode) input("search_items").get("properties").get("size");
		assertThat(size.get("default").isIntegralNumber()).isTrue();
		assertThat(size.get("default").asInt()).isEqualTo(20);
	}

	@Test
	void beanValidationConstraintsOnRequestParametersBecomeKeywords() throws JSONException {
		assertInput("constrained_query", """
				{
					"type": "object",
					"properties": {
						"limit": { "type": "integer", "minimum": 1, "maximum": 100 },
						"tags": { "description": "A single value must not contain a comma: Spring MVC splits a lone value at its commas (send two or more values, or none with a comma).", "type": "array", "items": { "type": "string" }, "minItems": 1, "maxItems": 3 },
						"mail": { "type": "string", "format": "email" },
						"amount": { "type": "number", "minimum": 0.5 },
						"name": { "type": "string", "minLength": 1 },
						"slug": { "type": "string", "pattern": "[a-z]+" },
						"count": { "type": "integer", "exclusiveMinimum": 0 }
					},
					"required": ["limit", "tags", "mail", "amount", "name", "slug", "count"],
					"additionalProperties": false
				}
				""");
	}

	@Test
	void unannotatedSimpleParametersAreQueryParametersRequiredOnlyWhenPrimitive() throws JSONException {
		assertInput("unannotated_query", """
				{
					"type": "object",
					"properties": {
						"page": { "type": "integer" },
						"q": { "type": "string" }
					},
					"required": ["page"],
					"additionalProperties": false
				}
				""");
	}

	@Test
	void requestHeaderNamedInMcpToolHeadersIsPublishedMarkedForItsMcpParamHeaderAndOthersAreAbsent()
			throws JSONException {
		assertInput("tenant_headers", """
				{
					"type": "object",
					"properties": {
						"X-Tenant": { "type": "string", "x-mcp-header": "X-Tenant" },
						"X-Page-Size": { "type": "integer", "default": 50, "x-mcp-header": "X-Page-Size" }
					},
					"required": ["X-Tenant"],
					"additionalProperties": false
				}
				""");
	}

	@Test
	void requestHeaderNotNamedInMcpToolHeadersIsAbsent() throws JSONException {
		assertInput("unpublished_header", """
				{ "type": "object", "properties": {}, "additionalProperties": false }
				""");
	}

	@Test
	void parametersThatAreNotUserInputAreAbsent() throws JSONException {
		assertInput("with_context", """
				{
					"type": "object",
					"properties": { "q": { "type": "string" } },
					"required": ["q"],
					"additionalProperties": false
				}
				""");
	}

	@Test
	void unannotatedRecordParameterIsFlattenedIntoQueryProperties() throws JSONException {
		assertInput("filter_items", """
				{
					"type": "object",
					"properties": {
						"name": { "type": "string", "description": "Part of the name", "minLength": 1 },
						"minPrice": { "type": "integer", "minimum": 0 },
						"tags": { "description": "A single value must not contain a comma: Spring MVC splits a lone value at its commas (send two or more values, or none with a comma).", "type": "array", "items": { "type": "string" } },
						"color": { "type": "string", "enum": ["RED", "GREEN", "BLUE"] }
					},
					"required": ["name"],
					"additionalProperties": false
				}
				""");
	}

	@Test
	void springdocParameterDescriptionOnParametersBecomesDescription() throws JSONException {
		assertInput("described_parameters", """
				{
					"type": "object",
					"properties": {
						"id": { "type": "integer", "description": "The item's id" },
						"q": { "type": "string", "description": "Free text" }
					},
					"required": ["id", "q"],
					"additionalProperties": false
				}
				""");
	}

	// Inputs: request bodies

	@Test
	void requestBodyRecordIsDescribedWithNestedTypesFormatsAndConstraints() throws JSONException {
		assertInput("create_order", """
				{
					"type": "object",
					"properties": {
						"order": {
							"type": "object",
							"properties": {
								"customer": { "type": "string", "description": "Who placed the order", "minLength": 1, "maxLength": 40 },
								"shipTo": {
									"type": "object",
									"properties": {
										"street": { "type": "string" },
										"city": { "type": "string" }
									},
									"required": ["street"]
								},
								"lines": {
									"type": "array",
									"items": {
										"type": "object",
										"properties": {
											"sku": { "type": "string" },
											"quantity": { "type": "integer", "exclusiveMinimum": 0 }
										},
										"required": ["sku"]
									},
									"minItems": 1
								},
								"labels": { "type": "array", "items": { "type": "string" } },
								"quantities": { "type": "object", "additionalProperties": { "type": "integer" } },
								"slots": { "type": "array", "items": { "type": "integer" } },
								"priority": { "type": "string", "enum": ["LOW", "NORMAL", "HIGH"] },
								"note": { "anyOf": [{ "type": "null" }, { "type": "string" }] },
								"reference": { "type": "string", "format": "uuid" },
								"deliveryDate": { "type": "string", "format": "date" },
								"placedAt": { "type": "string", "format": "date-time" },
								"total": { "type": "number" },
								"copies": { "type": "integer", "minimum": 1, "maximum": 10 },
								"code": { "type": "string", "pattern": "[A-Z]{2}-[0-9]+" },
								"email": { "type": "string", "format": "email" },
								"discount": { "type": "number", "exclusiveMinimum": 0 }
							},
							"required": ["customer", "shipTo"]
						}
					},
					"required": ["order"],
					"additionalProperties": false
				}
				""");
	}

	@Test
	void recursiveRequestBodyTypeIsDefinedOnceInDefsAndReferenced() throws JSONException {
		assertInput("create_category", """
				{
					"type": "object",
					"properties": {
						"category": { "$ref": "#/$defs/Category", "description": "The root category" }
					},
					"required": ["category"],
					"additionalProperties": false,
					"$defs": {
						"Category": {
							"type": "object",
							"properties": {
								"name": { "type": "string" },
								"children": { "type": "array", "items": { "$ref": "#/$defs/Category" } }
							}
						}
					}
				}
				""");
	}

	@Test
	void optionalOrNotRequiredBodyIsNotRequiredAndSchemaDescriptionsOfTypeAndFieldAppear() throws JSONException {
		assertInput("update_address", """
				{
					"type": "object",
					"properties": {
						"address": {
							"type": "object",
							"description": "A postal address",
							"properties": {
								"street": { "type": "string", "description": "Street and number" }
							}
						}
					},
					"additionalProperties": false
				}
				""");
		assertInput("set_note", """
				{
					"type": "object",
					"properties": { "text": { "type": "string", "description": "The note" } },
					"additionalProperties": false
				}
				""");
	}

	@Test
	void httpEntityParameterIsTheBody() throws JSONException {
		assertInput("replace_item", """
				{
					"type": "object",
					"properties": {
						"item": {
							"type": "object",
							"properties": { "id": { "type": "integer" }, "name": { "type": "string" } }
						}
					},
					"required": ["item"],
					"additionalProperties": false
				}
				""");
	}

	@Test
	void everyInputSchemaIsAClosedObject() {
		assertThat(endpoints).isNotEmpty();
		endpoints.keySet().forEach((name) -> {
			ObjectNode input = input(name);
			assertThat(input.get("type").asString()).as(name).isEqualTo("object");
			assertThat(input.get("properties").isObject()).as(name).isTrue();
			assertThat(input.get("additionalProperties").isBoolean()).as(name).isTrue();
			assertThat(input.get("additionalProperties").asBoolean()).as(name).isFalse();
		});
	}

	@Test
	void endpointWithoutInputsHasAnEmptyClosedObjectInput() throws JSONException {
		assertInput("list_items", """
				{ "type": "object", "properties": {}, "additionalProperties": false }
				""");
	}

	// Outputs

	@Test
	void objectReturnTypeIsTheOutputSchema() throws JSONException {
		assertOutput("get_item", false, ITEM);
	}

	@Test
	void optionalReturnTypeIsUnwrapped() throws JSONException {
		assertOutput("find_item", false, ITEM);
	}

	@Test
	void httpEntityReturnTypeIsUnwrapped() throws JSONException {
		assertOutput("replace_item", false, ITEM);
	}

	@Test
	void responseEntityReturnTypeIsUnwrapped() throws JSONException {
		assertOutput("create_order", false, ITEM);
	}

	@Test
	void responseEntityOfListReturnTypeIsUnwrappedThenWrappedAsResult() throws JSONException {
		assertOutput("page_items", true, """
				{
					"type": "object",
					"properties": {
						"result": { "type": "array", "items": %s }
					},
					"required": ["result"]
				}
				""".formatted(ITEM));
	}

	@Test
	void listReturnTypeIsWrappedAsRequiredResult() throws JSONException {
		assertOutput("list_items", true, """
				{
					"type": "object",
					"properties": {
						"result": { "type": "array", "items": %s }
					},
					"required": ["result"]
				}
				""".formatted(ITEM));
	}

	@Test
	void scalarAndEnumReturnTypesAreWrappedAsResult() throws JSONException {
		assertOutput("count_items", true, """
				{
					"type": "object",
					"properties": { "result": { "type": "integer" } },
					"required": ["result"]
				}
				""");
		assertOutput("favourite_color", true, """
				{
					"type": "object",
					"properties": { "result": { "type": "string", "enum": ["RED", "GREEN", "BLUE"] } },
					"required": ["result"]
				}
				""");
	}

	@Test
	void outputPropertiesAreNullableUnlessPrimitiveOrNotNullAndNotNullIsRequired() throws JSONException {
		assertOutput("order_summary", false, """
				{
					"type": "object",
					"properties": {
						"id": { "type": "string" },
						"lines": { "type": "integer" },
						"priority": { "anyOf": [{ "type": "null" }, { "type": "string", "enum": ["LOW", "NORMAL", "HIGH"] }] },
						"labels": { "anyOf": [{ "type": "null" }, { "type": "array", "items": { "type": "string" } }] },
						"placedAt": { "anyOf": [{ "type": "null" }, { "type": "string", "format": "date-time" }] }
					},
					"required": ["id"]
				}
				""");
	}

	@Test
	void mapReturnTypeIsAnObjectAndNotWrapped() throws JSONException {
		assertOutput("stock_levels", false, """
				{ "type": "object", "additionalProperties": { "type": "integer" } }
				""");
	}

	@Test
	void recursiveReturnTypeIsInlinedAtTheRootAndKeepsItsDefs() throws JSONException {
		assertOutput("create_category", false, """
				{
					"type": "object",
					"properties": {
						"name": { "anyOf": [{ "type": "null" }, { "type": "string" }] },
						"children": { "anyOf": [{ "type": "null" }, { "type": "array", "items": { "$ref": "#/$defs/Category" } }] }
					},
					"$defs": {
						"Category": {
							"type": "object",
							"properties": {
								"name": { "anyOf": [{ "type": "null" }, { "type": "string" }] },
								"children": { "anyOf": [{ "type": "null" }, { "type": "array", "items": { "$ref": "#/$defs/Category" } }] }
							}
						}
					}
				}
				""");
	}

	@Test
	void listOfRecursiveTypeIsWrappedAndReferencesDefs() throws JSONException {
		assertOutput("list_categories", true, """
				{
					"type": "object",
					"properties": {
						"result": { "type": "array", "items": { "$ref": "#/$defs/Category" } }
					},
					"required": ["result"],
					"$defs": {
						"Category": {
							"type": "object",
							"properties": {
								"name": { "anyOf": [{ "type": "null" }, { "type": "string" }] },
								"children": { "anyOf": [{ "type": "null" }, { "type": "array", "items": { "$ref": "#/$defs/Category" } }] }
							}
						}
					}
				}
				""");
	}

	@Test
	void stringVoidAndResponseEntityOfVoidHaveNoOutputSchema() {
		for (String name : List.of("unannotated_query", "set_note", "delete_item")) {
			ToolSchemas schemas = this.generator.generate(endpoint(name));
			assertThat(schemas.output()).as(name).isNull();
			assertThat(schemas.outputWrapped()).as(name).isFalse();
		}
	}

	// The application's Jackson decides the wire (issue 12)

	@Test
	void aValueTypeWithADelegatingCreatorAndJsonValueIsAStringOnBothSides() throws JSONException {
		ToolSchemas price = wire(JsonMapper.builder().build(), "price");
		String money = """
				{ "type": "string", "description": "An amount and its currency", "examples": ["12.50 EUR"] }
				""";
		JSONAssert.assertEquals("""
				{
					"type": "object",
					"properties": { "money": %s },
					"required": ["money"],
					"additionalProperties": false
				}
				""".formatted(money), price.input().toString(), JSONCompareMode.STRICT);
		JSONAssert.assertEquals("""
				{ "type": "object", "properties": { "result": %s }, "required": ["result"] }
				""".formatted(money), price.output().toString(), JSONCompareMode.STRICT);
		assertThat(price.outputWrapped()).isTrue();
	}

	@Test
	void creatorParametersRenamedWithJsonPropertyAreDescribedUnderTheirJsonNames() throws JSONException {
		ToolSchemas record = wire(JsonMapper.builder().build(), "record");
		JSONAssert.assertEquals("""
				{
					"type": "object",
					"properties": {
						"reading": {
							"type": "object",
							"properties": { "sensor_id": { "type": "string" }, "reading": { "type": "number" } },
							"required": ["reading"]
						}
					},
					"required": ["reading"],
					"additionalProperties": false
				}
				""", record.input().toString(), JSONCompareMode.STRICT);
		JSONAssert.assertEquals("""
				{
					"type": "object",
					"properties": {
						"sensor_id": { "anyOf": [{ "type": "null" }, { "type": "string" }] },
						"reading": { "type": "number" }
					}
				}
				""", record.output().toString(), JSONCompareMode.STRICT);
	}

	@Test
	void theMappersNamingStrategyRenamesInputAndOutputProperties() throws JSONException {
		ToolSchemas ship = wire(JsonMapper.builder().propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build(),
				"ship");
		JSONAssert.assertEquals("""
				{
					"type": "object",
					"properties": {
						"shipment": {
							"type": "object",
							"properties": {
								"tracking_number": { "type": "string" },
								"shipped_at": { "type": "string", "format": "date-time" }
							}
						}
					},
					"required": ["shipment"],
					"additionalProperties": false
				}
				""", ship.input().toString(), JSONCompareMode.STRICT);
		assertThat(ship.output().get("properties").propertyNames()).containsExactlyInAnyOrder("tracking_number",
				"shipped_at");
	}

	@Test
	void theMappersMixInsRenameAndRemoveProperties() throws JSONException {
		JsonMapper mapper = JsonMapper.builder()
			.addMixIn(SchemaFixtureApplication.Legacy.class, SchemaFixtureApplication.LegacyMixin.class)
			.build();
		ToolSchemas legacy = wire(mapper, "legacy");
		JSONAssert.assertEquals("""
				{ "type": "object", "properties": { "ref": { "type": "string" } } }
				""", legacy.input().get("properties").get("legacy").toString(), JSONCompareMode.STRICT);
		JSONAssert.assertEquals("""
				{ "type": "object", "properties": { "ref": { "anyOf": [{ "type": "null" }, { "type": "string" }] } } }
				""", legacy.output().toString(), JSONCompareMode.STRICT);
	}

	@Test
	void propertiesTheMapperLeavesOutWhenNullAreNeitherNullableNorRequiredInTheOutput() throws JSONException {
		JSONAssert.assertEquals("""
				{ "type": "object", "properties": { "nickname": { "type": "string" }, "bio": { "type": "string" } } }
				""", wire(JsonMapper.builder().build(), "profile").output().toString(), JSONCompareMode.STRICT);
	}

	@Test
	void aTypeWrittenByACustomSerializerHasNoOutputSchemaAndOneWarningSaysWhy(CapturedOutput log) {
		JsonMapper mapper = JsonMapper.builder()
			.addModule(new SimpleModule().addSerializer(SchemaFixtureApplication.Temperature.class,
					new SchemaFixtureApplication.TemperatureSerializer()))
			.build();
		ToolSchemas temperature = wire(mapper, "temperature");
		assertThat(temperature.output()).isNull();
		assertThat(temperature.outputWrapped()).isFalse();
		assertThat(log.getOut().lines().filter((line) -> line.contains("publishes no outputSchema")))
			.singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
			.contains("WARN", "Tool 'temperature'", "WireController.temperature",
					SchemaFixtureApplication.Temperature.class.getName(),
					SchemaFixtureApplication.TemperatureSerializer.class.getName());
	}

	@Test
	void datesTheMapperWritesAsTimestampsMeanNoOutputSchema() {
		JsonMapper mapper = JsonMapper.builder().enable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS).build();
		assertThat(wire(mapper, "ship").output()).isNull();
		assertThat(wire(JsonMapper.builder().build(), "ship").output()).isNotNull();
	}

	@Test
	void theValidationGroupsOfTheHandlerDecideTheConstraintsOfTheBody() throws JSONException {
		JsonMapper mapper = JsonMapper.builder().build();
		JSONAssert.assertEquals("""
				{
					"type": "object",
					"properties": { "id": { "type": "null" }, "name": { "type": "string", "minLength": 1 } },
					"required": ["name"]
				}
				""", wire(mapper, "create_account").input().get("properties").get("account").toString(),
				JSONCompareMode.STRICT);
		JSONAssert.assertEquals("""
				{
					"type": "object",
					"properties": { "id": { "type": "integer" }, "name": { "type": "string", "minLength": 1 } },
					"required": ["id", "name"]
				}
				""", wire(mapper, "update_account").input().get("properties").get("account").toString(),
				JSONCompareMode.STRICT);
		// Validated with the Default group, which neither constraint is in.
		JSONAssert.assertEquals("""
				{ "type": "object", "properties": { "id": { "type": "integer" }, "name": { "type": "string" } } }
				""", wire(mapper, "save_account").input().get("properties").get("account").toString(),
				JSONCompareMode.STRICT);
	}

	@Test
	void groupsOfAValidatedMethodOrClassApplyWithDefaultToAValidBody() throws JSONException {
		Map<String, McpEndpoint> validated = byName(scan(MethodValidatedController.class, ClassValidatedController.class));
		JSONAssert.assertEquals("""
				{
					"type": "object",
					"properties": { "id": { "type": "null" }, "name": { "type": "string", "minLength": 1 } },
					"required": ["name"]
				}
				""", this.generator.generate(validated.get("open_account")).input().get("properties").get("account")
			.toString(), JSONCompareMode.STRICT);
		JSONAssert.assertEquals("""
				{
					"type": "object",
					"properties": { "id": { "type": "integer" }, "name": { "type": "string", "minLength": 1 } },
					"required": ["id", "name"]
				}
				""", this.generator.generate(validated.get("replace_account")).input().get("properties").get("account")
			.toString(), JSONCompareMode.STRICT);
	}

	@RestController
	static class MethodValidatedController {

		@McpTool
		@Validated(SchemaFixtureApplication.OnCreate.class)
		@PostMapping("/method-validated/accounts")
		SchemaFixtureApplication.Account openAccount(@Valid @RequestBody SchemaFixtureApplication.Account account) {
			return account;
		}

	}

	@RestController
	@Validated(SchemaFixtureApplication.OnUpdate.class)
	static class ClassValidatedController {

		@McpTool
		@PutMapping("/class-validated/accounts")
		public SchemaFixtureApplication.Account replaceAccount(
				@Valid @RequestBody SchemaFixtureApplication.Account account) {
			return account;
		}

	}

	@Test
	void descriptionsExamplesDefaultsAllowableValuesAndAccessModesComeFromTheModel() throws JSONException {
		ToolSchemas product = wire(JsonMapper.builder().build(), "create_product");
		JSONAssert.assertEquals("""
				{
					"type": "object",
					"description": "A product for sale",
					"properties": {
						"sku": { "type": "string", "description": "Stock keeping unit", "minLength": 1, "examples": ["AB-12"] },
						"priceCents": { "type": "integer", "description": "Price in cents", "examples": [1250] },
						"secret": { "type": "string", "writeOnly": true },
						"password": { "type": "string", "writeOnly": true },
						"grade": { "type": "string", "enum": ["A", "B"] },
						"quantity": { "type": "integer", "default": 3 }
					},
					"required": ["priceCents", "sku"]
				}
				""", product.input().get("properties").get("product").toString(), JSONCompareMode.STRICT);
		JSONAssert.assertEquals("""
				{
					"type": "object",
					"description": "A product for sale",
					"properties": {
						"sku": { "type": "string", "description": "Stock keeping unit", "minLength": 1, "examples": ["AB-12"] },
						"priceCents": { "type": "integer", "description": "Price in cents", "examples": [1250] },
						"createdAt": { "anyOf": [{ "type": "null" }, { "type": "string", "format": "date-time" }], "readOnly": true },
						"version": { "anyOf": [{ "type": "null" }, { "type": "integer" }], "readOnly": true },
						"grade": { "anyOf": [{ "type": "null" }, { "type": "string" }], "enum": ["A", "B", null] },
						"quantity": { "anyOf": [{ "type": "null" }, { "type": "integer" }], "default": 3 }
					},
					"required": ["sku"]
				}
				""", product.output().toString(), JSONCompareMode.STRICT);
	}

	@Test
	void aPolymorphicBodyIsAnObjectAtTheRootAndNotWrapped() throws JSONException {
		ToolSchemas draw = wire(JsonMapper.builder().build(), "draw");
		JSONAssert.assertEquals("""
				{
					"type": "object",
					"anyOf": [
						{ "type": "object", "properties": { "radius": { "type": "number" }, "kind": { "const": "circle" } }, "required": ["kind"] },
						{ "type": "object", "properties": { "side": { "type": "number" }, "kind": { "const": "square" } }, "required": ["kind"] }
					]
				}
				""", draw.output().toString(), JSONCompareMode.STRICT);
		assertThat(draw.outputWrapped()).isFalse();
	}

	@Test
	void aReturnedOptionalOfAPolymorphicTypeHasNoOutputSchemaSinceMvcWritesItWithoutTypeId(CapturedOutput log) {
		ToolSchemas last = wire(JsonMapper.builder().build(), "last_shape");
		assertThat(last.output()).isNull();
		assertThat(log.getOut().lines().filter((line) -> line.contains("publishes no outputSchema")))
			.singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
			.contains("WARN", "Tool 'last_shape'", "Optional<Shape>", "type id");
	}

	@Test
	void noSchemaUsesATypeArrayWhichSingleTypeDialectsRefuse() {
		List<ToolSchemas> all = new ArrayList<>();
		endpoints.values().forEach((endpoint) -> all.add(this.generator.generate(endpoint)));
		wireEndpoints().values().forEach((endpoint) -> all.add(this.generator.generate(endpoint)));
		for (ToolSchemas schemas : all) {
			assertThat(schemas.input().toString()).doesNotContain("\"type\":[");
			if (schemas.output() != null) {
				assertThat(schemas.output().toString()).doesNotContain("\"type\":[");
			}
		}
	}

	private static Map<String, McpEndpoint> wireEndpoints;

	private static Map<String, McpEndpoint> wireEndpoints() {
		if (wireEndpoints == null) {
			wireEndpoints = byName(scan(SchemaFixtureApplication.WireController.class));
		}
		return wireEndpoints;
	}

	private static ToolSchemas wire(JsonMapper mapper, String tool) {
		assertThat(wireEndpoints()).as("published tools").containsKey(tool);
		return new ToolSchemaGenerator(mapper).generate(wireEndpoints().get(tool));
	}


	@Test
	void inheritedFieldsAreNamedAsTheMapperReadsAndWritesTheSubclass() {
		// The subclass's own Jackson settings decide the names of the fields it inherits.
		JsonMapper mapper = JsonMapper.builder().build();
		ToolSchemas customer = new ToolSchemaGenerator(mapper)
			.generate(byName(scan(InheritedFieldsController.class)).get("save_customer"));
		java.util.Set<String> written = new java.util.HashSet<>(
				mapper.valueToTree(new SnakeCustomer()).propertyNames());
		assertThat(written).containsExactlyInAnyOrder("first_name", "display_name");
		assertThat(customer.output().get("properties").propertyNames()).containsExactlyInAnyOrderElementsOf(written);
		assertThat(customer.input().at("/properties/customer/properties").propertyNames())
			.containsExactlyInAnyOrder("first_name", "display_name");
	}

	// Reported bugs, asserting the correct behaviour

	@Test
	void requestEntityParameterIsTheBody() throws JSONException {
		Map<String, McpEndpoint> generic = byName(scan(GenericTypesController.class));
		JSONAssert.assertEquals("""
				{
					"type": "object",
					"properties": {
						"item": {
							"type": "object",
							"properties": { "id": { "type": "integer" }, "name": { "type": "string" } }
						}
					},
					"required": ["item"],
					"additionalProperties": false
				}
				""", this.generator.generate(generic.get("import_item")).input().toString(), JSONCompareMode.STRICT);
	}

	@Test
	void returnTypeDeclaredByGenericSuperclassIsResolved() throws JSONException {
		Map<String, McpEndpoint> generic = byName(scan(GenericTypesController.class));
		ToolSchemas schemas = this.generator.generate(generic.get("latest"));
		assertThat(schemas.outputWrapped()).isFalse();
		JSONAssert.assertEquals(ITEM, schemas.output().toString(), JSONCompareMode.STRICT);
	}

	@Test
	void defaultOfMultiValuedParameterIsAnArray() throws JSONException {
		Map<String, McpEndpoint> defaults = byName(scan(DefaultsController.class));
		JSONAssert.assertEquals("""
				{
					"type": "object",
					"properties": {
						"tags": { "description": "A single value must not contain a comma: Spring MVC splits a lone value at its commas (send two or more values, or none with a comma).", "type": "array", "items": { "type": "string" }, "default": ["a", "b"] },
						"sizes": { "type": "array", "items": { "type": "integer" }, "default": [1, 2] }
					},
					"additionalProperties": false
				}
				""", this.generator.generate(defaults.get("multi_valued_defaults")).input().toString(),
				JSONCompareMode.STRICT);
	}

	@Test
	void booleanDefaultFollowsSpringConversion() throws JSONException {
		Map<String, McpEndpoint> defaults = byName(scan(DefaultsController.class));
		JSONAssert.assertEquals("""
				{
					"type": "object",
					"properties": {
						"verbose": { "type": "boolean", "default": true },
						"strict": { "type": "boolean", "default": true },
						"quiet": { "type": "boolean", "default": false }
					},
					"additionalProperties": false
				}
				""", this.generator.generate(defaults.get("boolean_defaults")).input().toString(),
				JSONCompareMode.STRICT);
	}

	@Test
	void primitiveRecordComponentOfRequestBodyIsRequired() throws JSONException {
		Map<String, McpEndpoint> defaults = byName(scan(DefaultsController.class));
		JSONAssert.assertEquals("""
				{
					"type": "object",
					"properties": {
						"quantity": {
							"type": "object",
							"properties": {
								"sku": { "type": "string" },
								"amount": { "type": "integer" }
							},
							"required": ["amount"]
						}
					},
					"required": ["quantity"],
					"additionalProperties": false
				}
				""", this.generator.generate(defaults.get("add_quantity")).input().toString(), JSONCompareMode.STRICT);
	}

	// Helpers

	/** Item as a response body: a property not declared @NotNull may be written as null. */
	private static final String ITEM = """
			{
				"type": "object",
				"properties": { "id": { "anyOf": [{ "type": "null" }, { "type": "integer" }] }, "name": { "anyOf": [{ "type": "null" }, { "type": "string" }] } }
			}
			""";

	// Schemas are kept by the types they describe, and copies handed out.

	@Test
	void everyEndpointGetsFromOneGeneratorTheSchemasAFreshGeneratorWouldGive() throws JSONException {
		ToolSchemaGenerator shared = new ToolSchemaGenerator();
		for (McpEndpoint endpoint : endpoints.values()) {
			ToolSchemas reused = shared.generate(endpoint);
			ToolSchemas fresh = new ToolSchemaGenerator().generate(endpoint);
			JSONAssert.assertEquals(endpoint.name(), fresh.input().toString(), reused.input().toString(),
					JSONCompareMode.STRICT);
			assertThat(reused.output()).as("output schema of " + endpoint.name()).isEqualTo(fresh.output());
			assertThat(reused.outputWrapped()).isEqualTo(fresh.outputWrapped());
		}
	}

	@Test
	void changingOneToolsSchemaLeavesTheNextOneOfTheSameTypesAlone() {
		ToolSchemas first = this.generator.generate(endpoint("get_item"));
		String input = first.input().toString();
		String output = first.output().toString();
		first.input().put("changed", true);
		first.output().put("changed", true);
		ToolSchemas second = this.generator.generate(endpoint("get_item"));
		assertThat(second.input().toString()).isEqualTo(input);
		assertThat(second.output().toString()).isEqualTo(output);
	}

	private void assertInput(String tool, String expected) throws JSONException {
		JSONAssert.assertEquals(expected, input(tool).toString(), JSONCompareMode.STRICT);
	}

	private void assertOutput(String tool, boolean wrapped, String expected) throws JSONException {
		ToolSchemas schemas = this.generator.generate(endpoint(tool));
		assertThat(schemas.output()).as("output schema of " + tool).isNotNull();
		JSONAssert.assertEquals(expected, schemas.output().toString(), JSONCompareMode.STRICT);
		assertThat(schemas.outputWrapped()).as("output of " + tool + " wrapped").isEqualTo(wrapped);
	}

	private ObjectNode input(String tool) {
		return this.generator.generate(endpoint(tool)).input();
	}

	private static McpEndpoint endpoint(String tool) {
		assertThat(endpoints).as("published tools").containsKey(tool);
		return endpoints.get(tool);
	}

	private static Map<String, McpEndpoint> byName(List<McpEndpoint> scanned) {
		return scanned.stream().collect(Collectors.toMap(McpEndpoint::name, Function.identity()));
	}

	private static List<McpEndpoint> scan(Class<?>... controllers) {
		List<McpEndpoint> scanned = new ArrayList<>();
		new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DispatcherServletAutoConfiguration.class,
					WebMvcAutoConfiguration.class, HttpMessageConvertersAutoConfiguration.class,
					JacksonAutoConfiguration.class, ValidationAutoConfiguration.class))
			.withUserConfiguration(controllers)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				McpEndpointScanner scanner = new McpEndpointScanner(
						context.getBeanProvider(RequestMappingHandlerMapping.class).orderedStream().toList(),
						context.getBean(RequestMappingHandlerAdapter.class));
				scanned.addAll(scanner.scan());
			});
		return scanned;
	}

	// Fixture

	enum Color {

		RED, GREEN, BLUE

	}

	enum Priority {

		LOW, NORMAL, HIGH

	}

	record Item(Long id, String name) {
	}

	record Address(@NotNull String street, String city) {
	}

	record OrderLine(@NotNull String sku, @Positive Integer quantity) {
	}

	record OrderRequest(@NotNull @Size(min = 1, max = 40) @Schema(description = "Who placed the order") String customer,
			@NotNull Address shipTo, @Size(min = 1) List<OrderLine> lines, Set<String> labels,
			Map<String, Integer> quantities, int[] slots, Priority priority, Optional<String> note, UUID reference,
			LocalDate deliveryDate, Instant placedAt, BigDecimal total, @Min(1) @Max(10) Integer copies,
			@Pattern(regexp = "[A-Z]{2}-[0-9]+") String code, @Email String email, @Positive BigDecimal discount) {
	}

	record Category(String name, List<Category> children) {
	}

	@Schema(description = "A postal address")
	record DescribedAddress(@Schema(description = "Street and number") String street) {
	}

	record ItemFilter(@NotBlank @Schema(description = "Part of the name") String name, @Min(0) Integer minPrice,
			List<String> tags, Color color) {
	}

	record OrderSummary(@NotNull String id, int lines, Priority priority, List<String> labels, Instant placedAt) {
	}

	record Quantity(String sku, int amount) {
	}

	@RestController
	@RequestMapping("/schema")
	static class SchemaFixtureController {

		@McpTool
		@GetMapping("/items/{id}/{ref}/{code}")
		Item getItem(@PathVariable @Positive Long id, @PathVariable UUID ref,
				@PathVariable @Pattern(regexp = "[A-Z]{3}") String code) {
			return null;
		}

		@McpTool
		@GetMapping("/items/search")
		Item searchItems(@RequestParam String q, @RequestParam(required = false) String sort,
				@RequestParam(defaultValue = "20") int size, @RequestParam Optional<Integer> page,
				@RequestParam List<String> tags, @RequestParam(required = false) Color[] colors,
				@RequestParam(defaultValue = "true") boolean active, @RequestParam(defaultValue = "0.5") double ratio,
				@RequestParam(defaultValue = "7") Optional<Integer> weeks) {
			return null;
		}

		@McpTool
		@GetMapping("/items/constrained")
		Item constrainedQuery(@RequestParam @Min(1) @Max(100) Integer limit,
				@RequestParam @NotEmpty @Size(max = 3) List<String> tags, @RequestParam @Email String mail,
				@RequestParam @DecimalMin("0.5") BigDecimal amount, @RequestParam @NotBlank String name,
				@RequestParam @Pattern(regexp = "[a-z]+") String slug, @RequestParam @Positive long count) {
			return null;
		}

		@McpTool
		@GetMapping("/items/unannotated")
		String unannotatedQuery(int page, String q) {
			return null;
		}

		@McpTool(headers = { "X-Tenant", "X-Page-Size" })
		@GetMapping("/items/tenant")
		Item tenantHeaders(@RequestHeader("X-Tenant") String tenant, @RequestHeader("X-Trace") String trace,
				@RequestHeader(name = "X-Page-Size", defaultValue = "50") int pageSize) {
			return null;
		}

		@McpTool
		@GetMapping("/items/header")
		Item unpublishedHeader(@RequestHeader("X-Tenant") String tenant) {
			return null;
		}

		@McpTool
		@GetMapping("/items/context")
		Item withContext(Principal principal, Locale locale, HttpServletRequest request, @RequestParam String q) {
			return null;
		}

		@McpTool
		@GetMapping("/items/filter")
		List<Item> filterItems(ItemFilter filter) {
			return null;
		}

		@McpTool
		@GetMapping("/items/described/{id}")
		Item describedParameters(@Parameter(description = "The item's id") @PathVariable long id,
				@Parameter(description = "Free text") @RequestParam String q) {
			return null;
		}

		@McpTool
		@GetMapping("/items")
		List<Item> listItems() {
			return null;
		}

		@McpTool
		@GetMapping("/items/find")
		Optional<Item> findItem(@RequestParam String name) {
			return Optional.empty();
		}

		@McpTool
		@GetMapping("/items/page")
		ResponseEntity<List<Item>> pageItems() {
			return null;
		}

		@McpTool
		@GetMapping("/items/count")
		int countItems() {
			return 0;
		}

		@McpTool
		@GetMapping("/colors/favourite")
		Color favouriteColor() {
			return Color.RED;
		}

		@McpTool
		@GetMapping("/orders/{id}/summary")
		OrderSummary orderSummary(@PathVariable Long id) {
			return null;
		}

		@McpTool
		@GetMapping("/stock")
		Map<String, Integer> stockLevels() {
			return Map.of();
		}

		@McpTool
		@PutMapping("/items")
		HttpEntity<Item> replaceItem(HttpEntity<Item> item) {
			return item;
		}

		@McpTool
		@DeleteMapping("/items/{id}")
		ResponseEntity<Void> deleteItem(@PathVariable Long id) {
			return ResponseEntity.noContent().build();
		}

		@McpTool
		@PostMapping("/orders")
		ResponseEntity<Item> createOrder(@RequestBody OrderRequest order) {
			return null;
		}

		@McpTool
		@PostMapping("/categories")
		Category createCategory(@Parameter(description = "The root category") @RequestBody Category category) {
			return category;
		}

		@McpTool
		@GetMapping("/categories")
		List<Category> listCategories() {
			return List.of();
		}

		@McpTool
		@PutMapping("/address")
		Item updateAddress(@RequestBody Optional<DescribedAddress> address) {
			return null;
		}

		@McpTool
		@PutMapping("/note")
		void setNote(@Parameter(description = "The note") @RequestBody(required = false) String text) {
		}

	}


	public static class NamedBase {

		public String firstName;

		public String internalCode;

	}

	@tools.jackson.databind.annotation.JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	@com.fasterxml.jackson.annotation.JsonIgnoreProperties("internal_code")
	public static class SnakeCustomer extends NamedBase {

		public String displayName;

	}

	@RestController
	static class InheritedFieldsController {

		@McpTool
		@PostMapping("/inherited/customers")
		SnakeCustomer saveCustomer(@RequestBody SnakeCustomer customer) {
			return customer;
		}

	}

	abstract static class LatestController<T> {

		@McpTool
		@GetMapping("/generic/latest")
		T latest() {
			return null;
		}

	}

	@RestController
	static class GenericTypesController extends LatestController<Item> {

		@McpTool
		@PostMapping("/generic/import")
		Item importItem(RequestEntity<Item> item) {
			return null;
		}

	}

	@RestController
	static class DefaultsController {

		@McpTool
		@GetMapping("/defaults/multi")
		Item multiValuedDefaults(@RequestParam(defaultValue = "a,b") List<String> tags,
				@RequestParam(defaultValue = "1,2") List<Integer> sizes) {
			return null;
		}

		@McpTool
		@GetMapping("/defaults/boolean")
		Item booleanDefaults(@RequestParam(defaultValue = "on") boolean verbose,
				@RequestParam(defaultValue = "yes") boolean strict, @RequestParam(defaultValue = "off") boolean quiet) {
			return null;
		}

		@McpTool
		@PostMapping("/defaults/quantity")
		Item addQuantity(@RequestBody Quantity quantity) {
			return null;
		}

	}

}
