package io.github.mcpstarter.sample.orders;

import jakarta.validation.constraints.NotNull;

/**
 * Body of a status change.
 *
 * @param status the status the order should move to
 */
public record UpdateStatusRequest(@NotNull OrderStatus status) {
}
