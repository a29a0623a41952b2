import { APIConnectionError, APIConnectionTimeoutError, APIError } from '@anthropic-ai/sdk';
import { describe, expect, it } from 'vitest';
import { AgentResultError, describeFailure, IdleTimeoutError, StreamCutError } from './errors';

const ctx = { model: 'claude-sonnet-5-5', requestTimeoutMs: 60_000 };
const http = (status: number, type: string, message: string) =>
	APIError.generate(status, { type: 'error', error: { type, message } }, undefined, new Headers({ 'request-id': 'req_1' }));
const streamed = (type: 'overloaded_error' | 'api_error', message: string) =>
	new APIError(undefined, { type: 'error', error: { type, message } }, undefined, undefined, type);

describe('describeFailure', () => {
	it.each([
		[400, 'invalid_request_error', 'request-invalid', false],
		[401, 'authentication_error', 'key-refused', false],
		[403, 'permission_error', 'permission-denied', false],
		[404, 'not_found_error', 'not-found', false],
		[413, 'request_too_large', 'request-too-large', false],
		[429, 'rate_limit_error', 'rate-limited', true],
		[500, 'api_error', 'api-error', true],
		[503, 'api_error', 'api-error', true],
		[529, 'overloaded_error', 'overloaded', true]
	])('names HTTP %i as %s', (status, type, reason, retryable) => {
		expect(describeFailure(http(status, type, 'detail'), ctx)).toMatchObject({ reason: `${reason}`, status, retryable });
	});

	it('tells the person what to do about a refused key', () => {
		expect(describeFailure(http(401, 'authentication_error', 'invalid x-api-key'), ctx).message).toMatch(/ANTHROPIC_API_KEY.*restart/);
	});

	it('passes on the API’s own words for an invalid request', () => {
		expect(describeFailure(http(400, 'invalid_request_error', 'max_tokens: too large'), ctx).message).toContain('max_tokens: too large');
	});

	it('names errors that arrive inside a stream by their type', () => {
		expect(describeFailure(streamed('overloaded_error', 'Overloaded'), ctx)).toMatchObject({ reason: 'overloaded', retryable: true });
		const other = describeFailure(streamed('api_error', 'Internal failure'), ctx);
		expect(other).toMatchObject({ reason: 'stream-error' });
		expect(other.message).toContain('Internal failure');
		expect(other.status).toBeUndefined();
	});

	it('tells timeouts, unreachable API and cut connections apart', () => {
		expect(describeFailure(new APIConnectionTimeoutError(), ctx).reason).toBe('timeout');
		expect(describeFailure(new IdleTimeoutError(30_000), ctx)).toMatchObject({ reason: 'timeout' });
		expect(describeFailure(new APIConnectionError({ message: 'fetch failed' }), ctx).reason).toBe('network');
		expect(describeFailure(new StreamCutError(), ctx).reason).toBe('connection-lost');
		const terminated = new Error('terminated', { cause: new Error('other side closed') });
		expect(describeFailure(terminated, ctx).reason).toBe('connection-lost');
		expect(describeFailure(new TypeError('x is undefined'), ctx).reason).toBe('internal');
	});

	it('quotes an upstream without the key, credentials in any echoed form, or more than a few hundred characters', () => {
		const key = 'gw-configured-key-42';
		const echoes = [
			`{"x-api-key": "${key}", "authorization": "Token abc.def"}`,
			`{'X-Api-Key': 'sk-ant-api03-abcDEF_123456'}`,
			'\\"authorization\\": \\"Bearer eyJhbGciOi.payload.sig\\"',
			'x-api-key: sk-proj-0123456789abcdef'
		];
		for (const echo of echoes) {
			for (const error of [http(400, 'invalid_request_error', `echo ${echo}`), new AgentResultError('error_during_execution', undefined, `echo ${echo}`)]) {
				const { message } = describeFailure(error, { ...ctx, secrets: [key] });
				for (const secret of [key, 'abc.def', 'sk-ant-api03', 'eyJhbGciOi', 'sk-proj']) expect(message, echo).not.toContain(secret);
				expect(message).toContain('echo ');
				expect(message).toContain('[redacted]');
			}
		}
		const long = describeFailure(http(400, 'invalid_request_error', 'x'.repeat(10_000)), ctx).message;
		expect(long.length).toBeLessThan(800);
		expect(long).toContain('x…');
	});
});
