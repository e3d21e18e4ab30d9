package io.github.mcpstarter.protocol;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The MCP protocol versions this server speaks, newest first, and how it picks one.
 *
 * @see <a href="https://modelcontextprotocol.io/specification/2025-11-25/basic/lifecycle#version-negotiation">Version negotiation</a>
 */
public final class ProtocolVersions {

	public static final String V2025_11_25 = "2025-11-25";

	public static final String V2025_06_18 = "2025-06-18";

	public static final String V2025_03_26 = "2025-03-26";

	/** The version of the legacy HTTP+SSE transport, which its clients still speak. */
	public static final String V2024_11_05 = "2024-11-05";

	/** Newest first. */
	public static final List<String> SUPPORTED = List.of(V2025_11_25, V2025_06_18, V2025_03_26, V2024_11_05);

	/** The latest version this server speaks. */
	public static final String LATEST = V2025_11_25;

	/** What a Streamable HTTP server assumes when a request carries no version header. */
	public static final String DEFAULT_WITHOUT_HEADER = V2025_03_26;

	private ProtocolVersions() {
	}

	public static boolean isSupported(@Nullable String version) {
		return version != null && SUPPORTED.contains(version);
	}

	/**
	 * The version to answer an {@code initialize} with: the client's when this server speaks it,
	 * else this server's latest (the client then decides whether to go on).
	 */
	public static String negotiate(@Nullable String requested) {
		return isSupported(requested) ? requested : LATEST;
	}

}
