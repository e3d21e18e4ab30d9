// The official MCP TypeScript SDK clients as a host whose user answers the server's questions:
// v1 (@modelcontextprotocol/sdk, MCP 2025-11-25, where the server sends elicitation/create on the
// call's stream and waits) or v2 (@modelcontextprotocol/client pinned to MCP 2026-07-28, where the
// call ends with an input_required result that the SDK fulfils through the same elicitation
// handler and retries with inputResponses and the requestState).
//
//   MCP_ACCESS_TOKEN=<token> node ts-sdk-hitl-client.mjs <baseUrl> <v1|v2>
//
// Run by HumanInTheLoopTypeScriptClientTests (mcp-sample-app), against the seed data:
//   1. cancel_order {id: 1}, the user declines the confirmation;
//   2. cancel_order {id: 2}, the user confirms;
//   3. set_order_note {id: 3} without a note, the user types one (NOTE below).
// The elicitation handler records every question and answers with the next planned answer. The
// script prints ONE JSON object on stdout (what the client saw); the test judges it, and checks the
// orders over the REST API. Diagnostics go to stderr; on any failure the summary still prints, with
// "failure" set, and the exit status is 1.

import { readFileSync } from 'node:fs';

const REQUEST_TIMEOUT_MS = 20_000;

const RUN_TIMEOUT_MS = 50_000;

/** What the user types as the note of order 3 (the test holds the same text). */
const NOTE = 'Bitte beim Nachbarn abgeben — Tür 14.';

const [baseUrl, sdk] = process.argv.slice(2);
const accessToken = process.env.MCP_ACCESS_TOKEN;
if (!baseUrl || !['v1', 'v2'].includes(sdk) || !accessToken) {
	console.error('usage: MCP_ACCESS_TOKEN=<token> node ts-sdk-hitl-client.mjs <baseUrl> <v1|v2>');
	process.exit(64);
}
const npmPackage = (sdk === 'v1') ? '@modelcontextprotocol/sdk' : '@modelcontextprotocol/client';

const summary = {
	sdk,
	sdkPackage: npmPackage,
	sdkVersion: packageVersion(npmPackage),
	node: { version: process.version, execPath: process.execPath },
	protocolVersion: null,
	// Each step: { asked: [the elicitation params the handler got], result: the call's outcome }.
	declineCancel: null,
	confirmCancel: null,
	askedNote: null,
	clientErrors: [],
	failure: null,
};

function log(message) {
	console.error(`[ts-sdk-hitl-client ${sdk}] ${message}`);
}

function packageVersion(name) {
	try {
		return JSON.parse(readFileSync(new URL(`./node_modules/${name}/package.json`, import.meta.url), 'utf8')).version;
	}
	catch {
		return null;
	}
}

function describe(error) {
	if (error && typeof error === 'object' && 'code' in error) {
		return `${error.constructor?.name ?? 'Error'} ${error.code}: ${error.message}`;
	}
	return (error instanceof Error) ? (error.stack ?? String(error)) : String(error);
}

let printed = false;
function finish(failure) {
	if (printed) {
		return;
	}
	printed = true;
	summary.failure = failure;
	process.stdout.write(JSON.stringify(summary) + '\n');
	process.exitCode = failure ? 1 : 0;
}

setTimeout(() => {
	finish(`did not finish within ${RUN_TIMEOUT_MS} ms`);
	process.exit(1);
}, RUN_TIMEOUT_MS).unref();

/** A tool call's outcome, or the error it threw. */
function outcome(result) {
	return {
		isError: result.isError === true,
		resultType: result.resultType ?? null,
		text: result.content?.find((content) => content.type === 'text')?.text ?? null,
		structuredContent: result.structuredContent ?? null,
	};
}

/**
 * The tools/call requests that went on the wire, each as which input keys it answered and whether
 * it echoed a requestState: the proof that v2 retried an input_required result itself.
 */
let wire = [];
const originalFetch = globalThis.fetch.bind(globalThis);
async function recordingFetch(input, init) {
	if (init?.body && typeof init.body === 'string') {
		try {
			const message = JSON.parse(init.body);
			if (message.method === 'tools/call') {
				wire.push({ inputResponses: Object.keys(message.params?.inputResponses ?? {}),
					requestState: typeof message.params?.requestState === 'string' });
			}
		}
		catch {
			// Not JSON: not a request of interest.
		}
	}
	return originalFetch(input, init);
}

async function call(client, name, args, answer) {
	const asked = [];
	wire = [];
	planned = (params) => {
		asked.push(params);
		return answer;
	};
	try {
		// v1's callTool takes a result schema before the options; v2's takes the options.
		const result = (sdk === 'v1')
			? await client.callTool({ name, arguments: args }, undefined, { timeout: REQUEST_TIMEOUT_MS })
			: await client.callTool({ name, arguments: args }, { timeout: REQUEST_TIMEOUT_MS });
		return { asked, wire, result: outcome(result) };
	}
	catch (error) {
		log(`${name} threw: ${describe(error)}`);
		return { asked, wire, thrown: describe(error), code: error?.code ?? null };
	}
	finally {
		planned = null;
	}
}

/** The user: answers with what the current step planned; nothing planned is a failure. */
let planned = null;
async function elicit(request) {
	const params = request.params;
	log(`asked: ${params.message}`);
	if (!planned) {
		throw new Error(`unexpected elicitation: ${params.message}`);
	}
	return planned(params);
}

try {
	await run();
	finish(null);
}
catch (error) {
	finish(describe(error));
}

async function run() {
	const requestInit = { headers: { Authorization: `Bearer ${accessToken}` } };
	const fetch = recordingFetch;
	let client;
	if (sdk === 'v1') {
		const { Client } = await import('@modelcontextprotocol/sdk/client/index.js');
		const { StreamableHTTPClientTransport } = await import('@modelcontextprotocol/sdk/client/streamableHttp.js');
		const { ElicitRequestSchema } = await import('@modelcontextprotocol/sdk/types.js');
		client = new Client({ name: 'mcp-sample-app-ts-hitl-client', version: '1.0.0' },
				{ capabilities: { elicitation: {} } });
		client.setRequestHandler(ElicitRequestSchema, elicit);
		client.onerror = (error) => summary.clientErrors.push(describe(error));
		await client.connect(new StreamableHTTPClientTransport(new URL('/mcp', baseUrl), { requestInit, fetch }),
				{ timeout: REQUEST_TIMEOUT_MS });
		summary.protocolVersion = client.transport?.protocolVersion ?? null;
	}
	else {
		const { Client, StreamableHTTPClientTransport } = await import('@modelcontextprotocol/client');
		client = new Client({ name: 'mcp-sample-app-ts-hitl-client', version: '1.0.0' },
				{ capabilities: { elicitation: {} }, versionNegotiation: { mode: { pin: '2026-07-28' } } });
		client.setRequestHandler('elicitation/create', elicit);
		client.onerror = (error) => summary.clientErrors.push(describe(error));
		await client.connect(new StreamableHTTPClientTransport(new URL('/mcp', baseUrl), { requestInit, fetch }),
				{ timeout: REQUEST_TIMEOUT_MS });
		summary.protocolVersion = client.getNegotiatedProtocolVersion() ?? null;
	}
	log(`connected, protocol version ${summary.protocolVersion}`);

	summary.declineCancel = await call(client, 'cancel_order', { id: 1 }, { action: 'decline' });
	summary.confirmCancel = await call(client, 'cancel_order', { id: 2 }, { action: 'accept', content: {} });
	summary.askedNote = await call(client, 'set_order_note', { id: 3 }, { action: 'accept', content: { note: NOTE } });

	await client.close();
}
