package io.github.mcpstarter.sample.config;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsent;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.HtmlUtils;

/**
 * The consent page of the embedded authorization server, where the demo user decides whether a
 * client may act for them.
 *
 * <p>Anyone may register a client (open Dynamic Client Registration), so the page must let the
 * user tell who asks: the name the client registered ({@code client_name}), its id, and the host
 * the authorization code will be sent to, as the MCP authorization specification requires
 * ("MUST clearly display the redirect URI hostname"), with a warning when that host is this
 * computer, since any program running here could be listening there. Spring Authorization
 * Server's own page shows only the client id. Everything the client chose is HTML-escaped.
 *
 * <p>The page is shown only for an authorization request that is pending for the logged-in user
 * (found by its {@code state}); the form posts to the authorization endpoint, which decides.
 */
@Controller
@ConditionalOnBooleanProperty(name = "sample.authorization-server.enabled", matchIfMissing = true)
class ConsentPageController {

	/** Where the authorization endpoint sends the browser for consent. */
	static final String CONSENT_PAGE = "/oauth2/consent";

	private static final OAuth2TokenType STATE = new OAuth2TokenType(OAuth2ParameterNames.STATE);

	private static final MediaType TEXT_HTML = new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8);

	/** No script, no outside resource, no framing: the page is only a form. */
	private static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'";

	private final RegisteredClientRepository clients;

	private final OAuth2AuthorizationService authorizations;

	private final OAuth2AuthorizationConsentService consents;

	private final AuthorizationServerSettings settings;

	ConsentPageController(RegisteredClientRepository clients, OAuth2AuthorizationService authorizations,
			OAuth2AuthorizationConsentService consents, AuthorizationServerSettings settings) {
		this.clients = clients;
		this.authorizations = authorizations;
		this.consents = consents;
		this.settings = settings;
	}

	@GetMapping(CONSENT_PAGE)
	ResponseEntity<String> consentPage(Principal user, @RequestParam(OAuth2ParameterNames.CLIENT_ID) String clientId,
			@RequestParam(name = OAuth2ParameterNames.SCOPE, defaultValue = "") String scope,
			@RequestParam(OAuth2ParameterNames.STATE) String state) {
		RegisteredClient client = this.clients.findByClientId(clientId);
		OAuth2Authorization authorization = this.authorizations.findByToken(state, STATE);
		if (client == null || authorization == null || !client.getId().equals(authorization.getRegisteredClientId())
				|| !user.getName().equals(authorization.getPrincipalName()) || client.getRedirectUris().isEmpty()) {
			return page(HttpStatus.BAD_REQUEST, "<h1>Unknown request</h1>"
					+ "<p>This authorization request is unknown or has expired. Start again from the application.</p>");
		}
		OAuth2AuthorizationConsent previous = this.consents.findById(client.getId(), user.getName());
		Set<String> granted = (previous != null) ? previous.getScopes() : Set.of();
		Set<String> toGrant = new LinkedHashSet<>();
		Set<String> alreadyGranted = new LinkedHashSet<>();
		for (String requested : scope.split(" ")) {
			if (requested.isEmpty() || OidcScopes.OPENID.equals(requested)) {
				// openid asks for an ID token, not for access; Spring Authorization Server adds it.
				continue;
			}
			(granted.contains(requested) ? alreadyGranted : toGrant).add(requested);
		}
		URI redirectUri = URI.create(redirectUri(authorization, client));
		return page(HttpStatus.OK, body(user.getName(), client, redirectUri, state, toGrant, alreadyGranted));
	}

	private String body(String user, RegisteredClient client, URI redirectUri, String state, Set<String> toGrant,
			Set<String> alreadyGranted) {
		String host = (redirectUri.getHost() != null) ? redirectUri.getHost() : "";
		String name = (client.getClientName() != null) ? client.getClientName() : client.getClientId();
		StringBuilder html = new StringBuilder();
		html.append("<h1>Allow access?</h1>");
		html.append("<p><strong id=\"client-name\">").append(escape(name)).append("</strong>");
		html.append(" (client id <code>").append(escape(client.getClientId())).append("</code>)");
		html.append(" wants to use this server on your behalf, as <strong>").append(escape(user)).append("</strong>.</p>");
		html.append("<p>Your answer goes to <strong id=\"redirect-host\">").append(escape(host)).append("</strong>");
		if (redirectUri.getPort() != -1) {
			html.append(", port ").append(redirectUri.getPort());
		}
		html.append(" (<code>").append(escape(redirectUri.toString())).append("</code>).</p>");
		if (ClientRegistrationPolicy.LOOPBACK_HOSTS.contains(host.toLowerCase(Locale.ROOT))) {
			html.append("<p class=\"warning\"><strong>").append(escape(host)).append(" is this computer.</strong>");
			html.append(" Any program running here could be listening there, and whoever registers a client"
					+ " chooses its name. Allow only if you have just started this client yourself.</p>");
		}
		String endpoint = escape(this.settings.getAuthorizationEndpoint());
		html.append("<form method=\"post\" action=\"").append(endpoint).append("\">");
		hiddenFields(html, client.getClientId(), state);
		if (!toGrant.isEmpty()) {
			html.append("<p>It asks for:</p>");
			for (String scope : toGrant) {
				html.append("<label><input type=\"checkbox\" name=\"scope\" value=\"").append(escape(scope))
					.append("\"> ").append(escape(scope)).append("</label><br>");
			}
		}
		if (!alreadyGranted.isEmpty()) {
			html.append("<p>You have already allowed:</p>");
			for (String scope : alreadyGranted) {
				html.append("<label><input type=\"checkbox\" checked disabled> ").append(escape(scope))
					.append("</label><br>");
			}
		}
		html.append("<p><button type=\"submit\" id=\"allow\">Allow</button></p></form>");
		// Posting no scope at all is a refusal: the client gets access_denied.
		html.append("<form method=\"post\" action=\"").append(endpoint).append("\">");
		hiddenFields(html, client.getClientId(), state);
		html.append("<p><button type=\"submit\" id=\"deny\">Deny</button></p></form>");
		return html.toString();
	}

	private static void hiddenFields(StringBuilder html, String clientId, String state) {
		html.append("<input type=\"hidden\" name=\"client_id\" value=\"").append(escape(clientId)).append("\">");
		html.append("<input type=\"hidden\" name=\"state\" value=\"").append(escape(state)).append("\">");
	}

	/** The redirect URI of the pending request; a client that registered only one may omit it. */
	private static String redirectUri(OAuth2Authorization authorization, RegisteredClient client) {
		OAuth2AuthorizationRequest request = authorization.getAttribute(OAuth2AuthorizationRequest.class.getName());
		if (request != null && request.getRedirectUri() != null) {
			return request.getRedirectUri();
		}
		return client.getRedirectUris().iterator().next();
	}

	private static ResponseEntity<String> page(HttpStatus status, String body) {
		String html = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
				+ "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
				+ "<title>Allow access? - MCP sample</title><style>body{font-family:sans-serif;max-width:40em;"
				+ "margin:2em auto;padding:0 1em}.warning{background:#fff3cd;padding:.5em}</style></head><body>" + body
				+ "</body></html>";
		return ResponseEntity.status(status)
			.contentType(TEXT_HTML)
			.header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
			.body(html);
	}

	private static String escape(String value) {
		return HtmlUtils.htmlEscape(value, StandardCharsets.UTF_8.name());
	}

}
