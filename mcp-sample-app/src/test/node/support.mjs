// What both TypeScript SDK client scripts need besides the SDK itself.
import { readFileSync } from 'node:fs';

import { McpError } from '@modelcontextprotocol/sdk/types.js';

/** An error as one line for the summary: the JSON-RPC code for an McpError, else the stack. */
export function describe(error) {
	if (error instanceof McpError) {
		return `McpError ${error.code}: ${error.message}`;
	}
	return (error instanceof Error) ? (error.stack ?? String(error)) : String(error);
}

/** The version of the installed SDK, or null. */
export function sdkVersion() {
	try {
		const url = new URL('./node_modules/@modelcontextprotocol/sdk/package.json', import.meta.url);
		return JSON.parse(readFileSync(url, 'utf8')).version;
	}
	catch {
		return null;
	}
}
