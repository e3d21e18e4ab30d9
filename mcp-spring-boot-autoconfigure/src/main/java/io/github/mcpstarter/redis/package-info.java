/**
 * A fleet's shared state in Redis, through Spring Data Redis: legacy sessions
 * ({@link io.github.mcpstarter.redis.RedisMcpSessionStore}), the events of their streams
 * ({@link io.github.mcpstarter.redis.RedisSessionEventLog}), the messages between instances
 * ({@link io.github.mcpstarter.redis.RedisMcpFleet}) and the modern era's spent request states
 * ({@link io.github.mcpstarter.redis.RedisSpentRequestStates}). On with
 * {@code mcp.server.session.store=redis}.
 */
@NullMarked
package io.github.mcpstarter.redis;

import org.jspecify.annotations.NullMarked;
