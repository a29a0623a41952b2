import Anthropic from '@anthropic-ai/sdk';
import { describe, expect, it } from 'vitest';
import { DEMO_NOTE, demoAnswer, demoResponder } from './demo-model';
import { startFakeAnthropic } from './fake-anthropic';

describe('demo model', () => {
	it('says it is the demo and how to set ANTHROPIC_API_KEY, whatever is asked', () => {
		for (const prompt of ['What is this app?', 'How do I use a real key?', 'fix my bug in main.rs']) {
			const answer = demoAnswer(prompt);
			expect(answer.startsWith(DEMO_NOTE)).toBe(true);
			expect(answer).toContain('ANTHROPIC_API_KEY=');
			expect(answer).toContain('local-first');
		}
		expect(demoAnswer('fix my bug in main.rs')).toContain('fix my bug in main.rs');
	});

	it('streams its answer in many small deltas through the SDK', async () => {
		const fake = await startFakeAnthropic({ respond: demoResponder({ delayMs: 0 }) });
		const client = new Anthropic({ apiKey: 'demo', baseURL: fake.url, maxRetries: 0 });
		const stream = client.messages.stream({ model: 'claude-sonnet-5-5', max_tokens: 100, messages: [{ role: 'user', content: 'What is this?' }] });
		let deltas = 0;
		stream.on('text', () => deltas++);
		const text = await stream.finalText();
		expect(text).toBe(demoAnswer('What is this?'));
		expect(deltas).toBeGreaterThan(50);
		await fake.close();
	});
});
