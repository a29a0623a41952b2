import { describe, expect, it } from 'vitest';
import { pushPayload, PushSubscriptionSchema } from './push';

const base = { sessionId: '01JD0000000000000000000000', title: 'Fix the build' };

describe('push payloads', () => {
	it('names the session and what happened, and no session content without the opt-in', () => {
		const tool = { id: 'toolu_1', name: 'Write', input: { file_path: '/repo/secret-plan.md' } };
		expect(pushPayload({ ...base, event: 'approval', tool }, false)).toEqual({
			title: 'Fix the build',
			body: 'Waiting for approval: Write',
			tag: `session-${base.sessionId}`,
			url: `/?session=${base.sessionId}`,
			sessionId: base.sessionId,
			toolUseId: 'toolu_1'
		});
		expect(pushPayload({ ...base, event: 'done', text: 'The secret is 42.' }, false).body).toBe('Turn finished');
		expect(pushPayload({ ...base, event: 'error', text: 'Overloaded' }, false).body).toBe('Turn failed');
		expect(JSON.stringify(pushPayload({ ...base, event: 'done', text: 'The secret is 42.' }, false))).not.toContain('secret');
	});

	it('with the opt-in, adds the tool call and an excerpt of the reply', () => {
		const tool = { id: 'toolu_1', name: 'Write', input: { file_path: 'foo.py' } };
		expect(pushPayload({ ...base, event: 'approval', tool }, true).body).toBe('Waiting for approval: Write foo.py');
		expect(pushPayload({ ...base, event: 'error', text: 'Overloaded, try again' }, true).body).toBe('Turn failed\nOverloaded, try again');
		const long = pushPayload({ ...base, event: 'done', text: 'x'.repeat(1000) }, true).body;
		expect(long.length).toBeLessThan(250);
		expect(long.endsWith('…')).toBe(true);
		expect(pushPayload({ ...base, title: '', event: 'done' }, true)).toMatchObject({ title: 'Session', body: 'Turn finished' });
	});

	it('says a plan waits for review and a question for an answer, with Approve and Deny only where they fit', () => {
		const plan = pushPayload({ ...base, event: 'approval', tool: { id: 't', name: 'ExitPlanMode', input: { plan: 'secret' }, kind: 'plan' } }, true);
		expect(plan).toMatchObject({ body: 'Plan waiting for approval', toolUseId: 't' });
		const question = pushPayload({ ...base, event: 'approval', tool: { id: 'q', name: 'AskUserQuestion', input: {}, kind: 'question' } }, false);
		expect(question.body).toBe('Waiting for your answer');
		expect(question.toolUseId).toBeUndefined();
	});

	it('accepts a browser subscription and refuses other shapes', () => {
		const keys = { p256dh: 'BCx', auth: 'abc' };
		expect(PushSubscriptionSchema.safeParse({ endpoint: 'https://fcm.googleapis.com/fcm/send/x', keys, expirationTime: null }).success).toBe(true);
		expect(PushSubscriptionSchema.safeParse({ endpoint: 'javascript:alert(1)', keys }).success).toBe(false);
		expect(PushSubscriptionSchema.safeParse({ endpoint: 'http://fcm.googleapis.com/fcm/send/x', keys }).success).toBe(false);
		expect(PushSubscriptionSchema.safeParse({ endpoint: 'https://push.example/x', keys: { p256dh: '' , auth: 'a' } }).success).toBe(false);
	});
});
