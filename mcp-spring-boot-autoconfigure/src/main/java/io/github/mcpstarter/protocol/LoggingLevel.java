package io.github.mcpstarter.protocol;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * The syslog severities of MCP logging, least severe first.
 *
 * @see <a href="https://modelcontextprotocol.io/specification/2025-11-25/server/utilities/logging">Logging</a>
 */
public enum LoggingLevel {

	DEBUG, INFO, NOTICE, WARNING, ERROR, CRITICAL, ALERT, EMERGENCY;

	/** The wire name, such as {@code warning}. */
	public String wireName() {
		return name().toLowerCase(Locale.ROOT);
	}

	/** The level with that wire name, or {@code null} when there is none. */
	public static @Nullable LoggingLevel fromWireName(@Nullable String name) {
		if (name != null) {
			for (LoggingLevel level : values()) {
				if (level.wireName().equals(name)) {
					return level;
				}
			}
		}
		return null;
	}

}
