package io.github.mcpstarter.sample.common;

import java.net.URI;
import java.util.Map;

import org.springframework.http.HttpStatus;

/**
 * A business rule that a request broke, rendered as an RFC 9457 problem by
 * {@link ProblemDetailsAdvice}.
 *
 * <p>The services throw these without knowing about HTTP beyond the status; each subclass fixes
 * its status, title and problem type so that the same failure always looks the same to a REST
 * client or an AI agent.
 */
public abstract class DomainException extends RuntimeException {

	/** Base of the problem type URIs; {@code .example} is reserved, so they are identifiers only. */
	private static final String PROBLEM_TYPE_BASE = "https://mcp-sample.example/problems/";

	private final HttpStatus status;

	private final String title;

	private final URI type;

	private final Map<String, Object> properties;

	/**
	 * Creates a domain exception.
	 * @param status the HTTP status to answer with
	 * @param problemType the last segment of the problem type URI, such as {@code order-not-found}
	 * @param title the short summary, the same for every occurrence of this problem
	 * @param detail what went wrong this time
	 * @param properties extra members of the problem, such as the offending id
	 */
	protected DomainException(HttpStatus status, String problemType, String title, String detail,
			Map<String, Object> properties) {
		super(detail);
		this.status = status;
		this.title = title;
		this.type = URI.create(PROBLEM_TYPE_BASE + problemType);
		this.properties = Map.copyOf(properties);
	}

	public HttpStatus getStatus() {
		return this.status;
	}

	public String getTitle() {
		return this.title;
	}

	public URI getType() {
		return this.type;
	}

	public Map<String, Object> getProperties() {
		return this.properties;
	}

}
