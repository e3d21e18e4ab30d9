// The official MCP TypeScript SDK client calls a list of tools, with its own output-schema
// validation on (Client.callTool checks structuredContent against the outputSchema that
// listTools cached, and throws when it does not match or is missing).
//
//   [MCP_ACCESS_TOKEN=<token>] node contract-client.mjs <baseUrl> <calls.json>
//
// calls.json is [{"name": ..., "arguments": {...}}, ...], made by the Java contract tests from each
// tool's own inputSchema. Prints ONE JSON summary on stdout: every call with ok (the SDK accepted
// the result and it is not an error), isError, hasStructuredContent and the error it threw.

import { readFileSync } from 'node:fs';

import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

import { describe, sdkVersion } from './support.mjs';

const [baseUrl, callsFile] = process.argv.slice(2);
if (!baseUrl || !callsFile) {
	console.error('usage: [MCP_ACCESS_TOKEN=<token>] node contract-client.mjs <baseUrl> <calls.json>');
	process.exit(64);
}

const accessToken = process.env.MCP_ACCESS_TOKEN;
const summary = {
	node: { version: process.version, execPath: process.execPath },
	sdkVersion: sdkVersion(),
	calls: [],
	failure: null,
};

try {
	const calls = JSON.parse(readFileSync(callsFile, 'utf8'));
	const requestInit = accessToken ? { headers: { Authorization: `Bearer ${accessToken}` } } : undefined;
	const transport = new StreamableHTTPClientTransport(new URL('/mcp', baseUrl), { requestInit });
	const client = new Client({ name: 'mcp-contract-client', version: '1.0.0' });
	const options = { timeout: 30_000 };
	await client.connect(transport, options);
	// Listing caches the output schemas callTool validates against.
	let cursor;
	do {
		const page = await client.listTools(cursor ? { cursor } : {}, options);
		cursor = page.nextCursor;
	} while (cursor);
	for (const call of calls) {
		const entry = { name: call.name, arguments: call.arguments, ok: false, isError: null,
			hasStructuredContent: null, error: null, text: null };
		try {
			const result = await client.callTool({ name: call.name, arguments: call.arguments }, undefined, options);
			entry.isError = result.isError ?? false;
			entry.hasStructuredContent = result.structuredContent !== undefined;
			entry.ok = !entry.isError;
			if (entry.isError) {
				entry.text = (result.content ?? []).filter((b) => b.type === 'text').map((b) => b.text).join('\n');
			}
		}
		catch (error) {
			entry.error = describe(error);
		}
		summary.calls.push(entry);
	}
	await transport.terminateSession().catch(() => {});
	await client.close();
}
catch (error) {
	summary.failure = describe(error);
}
const json = JSON.stringify(summary).replace(/[\u007f-\uffff]/g,
		(c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
process.stdout.write(json + '\n', () => process.exit(summary.failure ? 1 : 0));
