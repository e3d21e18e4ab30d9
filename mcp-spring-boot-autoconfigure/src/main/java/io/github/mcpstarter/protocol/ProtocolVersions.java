package io.github.mcpstarter.protocol;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The MCP protocol versions this server speaks, newest first, and how it picks one.
 *
 * <p>They fall into two eras. From 2026-07-28 on (the modern era) every request names its version
 * and the client's capabilities in its own {@code _meta}, and no session is kept. Up to 2025-11-25
 * (the legacy era) a client negotiates a version once, with {@code initialize}, for a session. A
 * transport serves the versions it declares, of either era or both.
 *
 * @see <a href="https://modelcontextprotocol.io/specification/2026-07-28/basic/versioning">Versioning</a>
 * @see <a href="https://modelcontextprotocol.io/specification/2025-11-25/basic/lifecycle#version-negotiation">Version negotiation</a>
 */
public final class ProtocolVersions {

	/** The first version of the modern era: stateless, with the version on every request. */
	public static final String V2026_07_28 = "2026-07-28";

	public static final String V2025_11_25 = "2025-11-25";

	public static final String V2025_06_18 = "2025-06-18";

	public static final String V2025_03_26 = "2025-03-26";

	/** The version of the legacy HTTP+SSE transport, which its clients still speak. */
	public static final String V2024_11_05 = "2024-11-05";

	/** The modern versions this server speaks, newest first. */
	public static final List<String> MODERN = List.of(V2026_07_28);

	/** The legacy versions this server speaks (negotiated by {@code initialize}), newest first. */
	public static final List<String> SUPPORTED = List.of(V2025_11_25, V2025_06_18, V2025_03_26, V2024_11_05);

	/** What the Streamable HTTP transport serves: both eras; 2024-11-05 predates the transport. */
	public static final List<String> STREAMABLE_HTTP = List.of(V2026_07_28, V2025_11_25, V2025_06_18, V2025_03_26);

	/** What the legacy HTTP+SSE transport serves: the legacy era, whose clients use it. */
	public static final List<String> SSE = SUPPORTED;

	/** The latest legacy version this server speaks, the answer to an {@code initialize} it cannot meet. */
	public static final String LATEST = V2025_11_25;

	/** What a Streamable HTTP server assumes when a request carries no version header. */
	public static final String DEFAULT_WITHOUT_HEADER = V2025_03_26;

	private ProtocolVersions() {
	}

	public static boolean isSupported(@Nullable String version) {
		return version != null && SUPPORTED.contains(version);
	}

	/** Whether the version belongs to the modern era. */
	public static boolean isModern(@Nullable String version) {
		return version != null && MODERN.contains(version);
	}

	/**
	 * The version to answer an {@code initialize} with: the client's when the transport serves it
	 * as a legacy version, else the transport's latest legacy one (the client then decides whether
	 * to go on).
	 * @param requested the version the client asked for
	 * @param served the versions the transport serves, newest first
	 */
	public static String negotiate(@Nullable String requested, List<String> served) {
		if (requested != null && served.contains(requested) && SUPPORTED.contains(requested)) {
			return requested;
		}
		for (String version : served) {
			if (SUPPORTED.contains(version)) {
				return version;
			}
		}
		return LATEST;
	}

}
