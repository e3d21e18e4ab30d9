package io.github.mcpstarter.protocol;

import java.util.List;

/**
 * One era of the protocol: how its requests are recognised, which methods it has, and how its
 * messages are answered. {@link McpServer} picks the era of each message, newest first, and the
 * era serves it with the server's features (tools, listing, calls), which no era owns.
 *
 * <p>The next era is one more implementation.
 */
interface ProtocolEra {

	/**
	 * This era's versions that this server speaks, newest first: a transport serves an era when
	 * it serves one of them.
	 */
	List<String> versions();

	/**
	 * Whether this era serves the message, from how it opens (its {@code _meta}, its method, the
	 * session it names). The last era asked takes whatever no other claims.
	 */
	boolean claims(JsonRpcMessage message, McpExchange exchange);

	/** Serves a message this era claimed. */
	McpReply serve(JsonRpcMessage message, McpExchange exchange);

}
