/**
 * JSON Schemas (2020-12) of a tool's input and output, generated once at startup from the
 * endpoint's parameters and return type with victools' jsonschema-generator.
 */
@NullMarked
package io.github.mcpstarter.schema;

import org.jspecify.annotations.NullMarked;
