// The official MCP TypeScript SDK clients against a fleet of sample apps behind a round-robin
// proxy (FleetEndToEndTests), with no sticky sessions:
//
//   MCP_ACCESS_TOKEN=<token> node ts-sdk-fleet-client.mjs <proxyBaseUrl> <v1-streamable|v1-sse|v2-modern>
//
// v1 (@modelcontextprotocol/sdk) over Streamable HTTP with a 2025-11-25 session, v1 over the legacy
// HTTP+SSE transport (2024-11-05), and v2 (@modelcontextprotocol/client) pinned to 2026-07-28. Each
// connects, lists the tools, makes several read-only calls (each instance has its own orders, but
// the same catalog), a call that reports progress, and (v1) one it cancels, then prints ONE JSON
// summary on stdout that the test judges. Diagnostics go to stderr.

import { Client as ClientV1 } from '@modelcontextprotocol/sdk/client/index.js';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import { StreamableHTTPClientTransport as StreamableV1 } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { Client as ClientV2, StreamableHTTPClientTransport as StreamableV2 } from '@modelcontextprotocol/client';

import { describe } from './support.mjs';

const REQUEST_TIMEOUT_MS = 20_000;
const RUN_TIMEOUT_MS = 50_000;

const [baseUrl, mode] = process.argv.slice(2);
if (!baseUrl || !['v1-streamable', 'v1-sse', 'v2-modern'].includes(mode)) {
	console.error('usage: MCP_ACCESS_TOKEN=<token> node ts-sdk-fleet-client.mjs <proxyBaseUrl> <v1-streamable|v1-sse|v2-modern>');
	process.exit(64);
}
const accessToken = process.env.MCP_ACCESS_TOKEN;

const summary = { mode, protocolVersion: null, tools: [], products: [], progress: [], valuation: null,
	cancelled: null, sessionIds: [], failure: null };

const log = (text) => console.error(`[fleet ${mode}] ${text}`);

/** Every request with the bearer token; the session ids the client sends, for the summary. */
const fetchWithToken = (url, init = {}) => {
	const headers = new Headers(init.headers);
	headers.set('Authorization', `Bearer ${accessToken}`);
	const session = headers.get('mcp-session-id');
	if (session && !summary.sessionIds.includes(session)) {
		summary.sessionIds.push(session);
	}
	return fetch(url, { ...init, headers });
};

let finished = false;
function finish(failure) {
	if (finished) {
		return;
	}
	finished = true;
	summary.failure = failure;
	process.stdout.write(JSON.stringify(summary) + '\n');
	process.exit(failure ? 1 : 0);
}
const watchdog = setTimeout(() => finish(`timed out after ${RUN_TIMEOUT_MS} ms`), RUN_TIMEOUT_MS);
watchdog.unref();

function text(result) {
	return (result.content ?? []).filter((c) => c.type === 'text').map((c) => c.text).join('\n');
}

try {
	await run();
	finish(null);
}
catch (error) {
	finish(describe(error));
}

async function run() {
	let client;
	let transport;
	if (mode === 'v2-modern') {
		transport = new StreamableV2(new URL('/mcp', baseUrl), { fetch: fetchWithToken });
		client = new ClientV2({ name: 'fleet-ts-v2', version: '1.0.0' },
				{ versionNegotiation: { mode: { pin: '2026-07-28' } } });
	}
	else {
		const requestInit = { headers: { Authorization: `Bearer ${accessToken}` } };
		transport = (mode === 'v1-streamable')
			? new StreamableV1(new URL('/mcp', baseUrl), { requestInit, fetch: fetchWithToken })
			: new SSEClientTransport(new URL('/sse', baseUrl), { requestInit, fetch: fetchWithToken,
				eventSourceInit: { fetch: fetchWithToken } });
		client = new ClientV1({ name: `fleet-ts-${mode}`, version: '1.0.0' });
	}
	const options = { timeout: REQUEST_TIMEOUT_MS };
	// v1: callTool(params, resultSchema, options); v2: callTool(params, options).
	const callTool = (params, callOptions) => (mode === 'v2-modern')
		? client.callTool(params, callOptions)
		: client.callTool(params, undefined, callOptions);
	await client.connect(transport, options);
	summary.protocolVersion = client.getNegotiatedProtocolVersion?.() ?? transport.protocolVersion ?? null;
	summary.tools = (await client.listTools(undefined, options)).tools.map((tool) => tool.name);
	for (const sku of ['SKU-1001', 'SKU-1002', 'SKU-1003', 'SKU-1004']) {
		const result = await callTool({ name: 'get_product', arguments: { sku } }, options);
		summary.products.push({ sku, isError: Boolean(result.isError), name: result.structuredContent?.name ?? null,
			text: result.isError ? text(result) : null });
	}
	const valuation = await callTool({ name: 'inventory_valuation', arguments: { auditMillis: 5 } }, {
		...options,
		onprogress: (progress) => summary.progress.push(progress.progress),
	});
	summary.valuation = { isError: Boolean(valuation.isError), totalUnits: valuation.structuredContent?.totalUnits ?? null };
	await new Promise((resolve) => setTimeout(resolve, 100));

	if (mode !== 'v2-modern') {
		// A slow call, cancelled once it has reported progress: the SDK sends notifications/cancelled,
		// which the proxy hands to whichever instance is next.
		const controller = new AbortController();
		const started = Date.now();
		try {
			await callTool({ name: 'inventory_valuation', arguments: { auditMillis: 1000 } }, {
				...options,
				signal: controller.signal,
				onprogress: () => controller.abort('the test gave up'),
			});
			summary.cancelled = { aborted: false };
		}
		catch (error) {
			summary.cancelled = { aborted: controller.signal.aborted, millis: Date.now() - started, error: describe(error) };
		}
		// The fleet still serves this client after the cancellation.
		const after = await callTool({ name: 'get_product', arguments: { sku: 'SKU-1005' } }, options);
		summary.afterCancel = { isError: Boolean(after.isError) };
	}
	log(`done: ${summary.products.length} calls, ${summary.progress.length} progress notifications`);
	await client.close();
}
