package io.github.mcpstarter.security;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import tools.jackson.databind.json.JsonMapper;

import io.github.mcpstarter.protocol.CallToolResult;
import io.github.mcpstarter.protocol.RegisteredTool;
import io.github.mcpstarter.protocol.Tool;
import io.github.mcpstarter.protocol.ToolRegistry;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scopes of the server: computed once per change of the tools, with the application's
 * authority prefix, and with the scopes that grant its roles.
 */
class McpScopesTests {

	private final JsonMapper json = JsonMapper.builder().build();

	@Test
	void scopesAreComputedOncePerChangeOfTheTools() {
		ToolRegistry registry = new ToolRegistry();
		McpScopes scopes = new McpScopes(registry, List.of(), McpScopes.DEFAULT_AUTHORITY_PREFIX,
				Map.of("ADMIN", List.of("admin")));
		List<String> first = scopes.all();
		assertThat(scopes.all()).isSameAs(first);
		assertThat(scopes.challenge()).isSameAs(first);
		registry.publish(List.of(tool("one")));
		List<String> afterChange = scopes.all();
		assertThat(afterChange).isNotSameAs(first).containsExactly("admin");
		assertThat(scopes.all()).isSameAs(afterChange);
	}

	@Test
	void toolsThatChangeWhileTheScopesAreComputedAreNotMissedByTheCache() {
		java.util.concurrent.atomic.AtomicInteger reads = new java.util.concurrent.atomic.AtomicInteger();
		ToolRegistry registry = new ToolRegistry() {

			@Override
			public List<RegisteredTool> all() {
				List<RegisteredTool> read = super.all();
				if (reads.incrementAndGet() == 1) {
					// Another thread publishes while this one computes from what it read.
					publish(List.of(tool("late")));
				}
				return read;
			}

		};
		McpScopes scopes = new McpScopes(registry, List.of(), McpScopes.DEFAULT_AUTHORITY_PREFIX, Map.of());
		scopes.all();
		scopes.all();
		assertThat(reads).as("the change during the first computation makes the next one read the tools again")
			.hasValue(2);
	}

	@Test
	void roleScopesAreAdvertisedWithoutOfflineAccess() {
		McpScopes scopes = new McpScopes(new ToolRegistry(), List.of(), McpScopes.DEFAULT_AUTHORITY_PREFIX,
				Map.of("OWNER_ADMIN", List.of("owners.admin", "offline_access"), "VET", List.of("clinic.staff")));
		assertThat(scopes.all()).containsExactlyInAnyOrder("owners.admin", "clinic.staff");
		assertThat(scopes.challenge()).containsExactlyInAnyOrder("owners.admin", "clinic.staff");
	}

	@Test
	void authorityPrefixIsTheApplicationConvertersNotAHardCodedOne() {
		JwtGrantedAuthoritiesConverter authorities = new JwtGrantedAuthoritiesConverter();
		authorities.setAuthorityPrefix("PERM_");
		JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
		converter.setJwtGrantedAuthoritiesConverter(authorities);
		McpScopes scopes = McpScopes.of(List.of(new ToolRegistry()), List.of(), converter, Map.of());
		assertThat(scopes.authority("orders.read")).isEqualTo("PERM_orders.read");
		assertThat(scopes.scopeOf("PERM_orders.read")).isEqualTo("orders.read");
		assertThat(scopes.scopeOf("SCOPE_orders.read")).isNull();
		assertThat(McpScopes.of(List.of(new ToolRegistry()), List.of(), null, Map.of()).authority("x")).isEqualTo("SCOPE_x");
	}

	private RegisteredTool tool(String name) {
		return new RegisteredTool(new Tool(name, null, name, this.json.createObjectNode().put("type", "object"), null,
				null), (arguments, context) -> CallToolResult.text("ok"));
	}

}
