package io.github.mcpstarter.security;

import org.junit.jupiter.api.Test;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.util.ReflectionUtils;
import org.springframework.web.method.HandlerMethod;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scopes an {@code @PreAuthorize} needs for sure: a scope that is one way among others to
 * pass ({@code or}), or one that must be absent ({@code !}), is needed by nobody, and asking every
 * caller for it would refuse a caller the application lets through.
 */
class ToolScopesTests {

	@Test
	void scopesJoinedByAndAreAllNeeded() {
		assertThat(scopes("both")).containsExactly("orders.read", "orders.write");
		assertThat(scopes("one")).containsExactly("orders.read");
	}

	@Test
	void aScopeThatIsOneAlternativeOrNegatedIsNotNeeded() {
		assertThat(scopes("either")).isEmpty();
		assertThat(scopes("scopeOrRole")).isEmpty();
		assertThat(scopes("negated")).isEmpty();
		assertThat(scopes("andWithinOr")).isEmpty();
		assertThat(scopes("orWithinAnd")).containsExactly("orders.read");
	}

	private static java.util.List<String> scopes(String method) {
		HandlerMethod handler = new HandlerMethod(new Guarded(),
				ReflectionUtils.findMethod(Guarded.class, method));
		return ToolScopes.of(handler, "SCOPE_");
	}

	static class Guarded {

		@PreAuthorize("hasAuthority('SCOPE_orders.read') and hasAuthority('SCOPE_orders.write')")
		void both() {
		}

		@PreAuthorize("hasAuthority('SCOPE_orders.read')")
		void one() {
		}

		@PreAuthorize("hasAuthority('SCOPE_orders.read') or hasAuthority('SCOPE_orders.admin')")
		void either() {
		}

		@PreAuthorize("hasAuthority('SCOPE_orders.read') or hasRole('ADMIN')")
		void scopeOrRole() {
		}

		@PreAuthorize("!hasAuthority('SCOPE_guest')")
		void negated() {
		}

		@PreAuthorize("(hasAuthority('SCOPE_a') and hasAuthority('SCOPE_b')) or hasRole('ADMIN')")
		void andWithinOr() {
		}

		@PreAuthorize("hasAuthority('SCOPE_orders.read') and (hasRole('ADMIN') or hasAuthority('SCOPE_x'))")
		void orWithinAnd() {
		}

	}

}
