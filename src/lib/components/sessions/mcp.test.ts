import { describe, expect, it } from 'vitest';
import { mcpSummary } from './mcp';

describe('mcpSummary', () => {
	it('counts connected servers and names each one with its status', () => {
		const summary = mcpSummary([
			{ name: 'github', status: 'connected' },
			{ name: 'db', status: 'connected' },
			{ name: 'slow', status: 'pending' }
		]);
		expect(summary).toEqual({ text: 'MCP: 2 connected', title: 'github: connected\ndb: connected\nslow: pending', failed: 0 });
	});

	it('says how many failed, counting any status other than connected or pending', () => {
		const summary = mcpSummary([
			{ name: 'github', status: 'connected' },
			{ name: 'broken', status: 'failed' },
			{ name: 'locked', status: 'needs-auth' }
		]);
		expect(summary.text).toBe('MCP: 1 connected · 2 failed');
		expect(summary.failed).toBe(2);
	});
});
