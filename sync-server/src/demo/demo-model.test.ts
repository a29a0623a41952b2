import Anthropic from '@anthropic-ai/sdk';
import { describe, expect, it } from 'vitest';
import { DEMO_NOTE, demoReply, demoResponder, isQuestion, turnState } from './demo-model';
import { dialectOf, workingDirectory } from './dialects';
import { startFakeAnthropic } from './fake-anthropic';
import { TOOL_TOUR } from './tour';

const OUR_TOOLS = ['list', 'read', 'write', 'edit'].map((name) => ({ name }));
const CLAUDE_CODE_TOOLS = ['Read', 'Write', 'Edit', 'Bash', 'Glob'].map((name) => ({ name }));
const CC_SYSTEM = [{ type: 'text', text: 'You are Claude Code.\nPrimary working directory: /srv/ws/t/s1\nIs a git repo: no' }];

type Content = ReturnType<typeof demoReply>;
const textOf = (content: Content) => content.flatMap((b) => (b.type === 'text' ? [b.text] : [])).join('');
const toolOf = (content: Content) => content.find((b) => b.type === 'tool_use');
const result = (isError = false) => ({ role: 'user', content: [{ type: 'tool_result', tool_use_id: 't', content: 'ok', is_error: isError }] });
const assistant = { role: 'assistant', content: [{ type: 'text', text: '…' }] };

describe('demo model', () => {
	it('answers questions about the app or the key in Markdown, without tools, marked as the demo', () => {
		for (const prompt of ['What is this app?', 'How do I connect Claude?']) {
			const content = demoReply({ messages: [{ role: 'user', content: prompt }], tools: OUR_TOOLS });
			expect(content).toHaveLength(1);
			expect(textOf(content).startsWith(DEMO_NOTE)).toBe(true);
			expect(textOf(content)).toContain('```sh\nANTHROPIC_API_KEY=sk-ant-... npm start\n```');
		}
		expect(isQuestion('Show me what you can do')).toBe(false);
		expect(isQuestion('fix my bug in main.rs')).toBe(false);
	});

	it('walks the tour with our tools: write, then edit, then a Markdown summary with code (no shell offered)', () => {
		const prompt = { role: 'user', content: 'Show me what you can do' };
		const first = demoReply({ messages: [prompt], tools: OUR_TOOLS });
		expect(toolOf(first)).toMatchObject({ name: 'write', input: { path: 'greet.py', content: expect.stringContaining('def greet') } });
		const second = demoReply({ messages: [prompt, assistant, result()], tools: OUR_TOOLS });
		expect(toolOf(second)).toMatchObject({ name: 'edit', input: { path: 'greet.py', old_string: 'print(greet("world"))' } });
		const last = demoReply({ messages: [prompt, assistant, result(), assistant, result()], tools: OUR_TOOLS });
		expect(toolOf(last)).toBeUndefined();
		expect(textOf(last)).toContain('```python');
		for (const reply of [first, second, last]) expect(textOf(reply).startsWith(DEMO_NOTE)).toBe(true);
	});

	it('runs a command when the shell is offered', () => {
		const tools = [...OUR_TOOLS, { name: 'bash' }];
		const prompt = { role: 'user', content: 'try it' };
		const third = demoReply({ messages: [prompt, assistant, result(), assistant, result()], tools });
		expect(toolOf(third)).toMatchObject({ name: 'bash', input: { command: expect.stringContaining('greet.py') } });
	});

	it("speaks Claude Code's tools, with absolute paths in its working directory", () => {
		expect(workingDirectory({ system: CC_SYSTEM })).toBe('/srv/ws/t/s1');
		const prompt = { role: 'user', content: [{ type: 'text', text: 'Show me' }] };
		const body = { messages: [prompt], tools: CLAUDE_CODE_TOOLS, system: CC_SYSTEM };
		expect(toolOf(demoReply(body))).toMatchObject({ name: 'Write', input: { file_path: '/srv/ws/t/s1/greet.py' } });
		const edit = demoReply({ ...body, messages: [prompt, assistant, result()] });
		expect(toolOf(edit)).toMatchObject({ name: 'Edit', input: { file_path: '/srv/ws/t/s1/greet.py', new_string: expect.any(String) } });
		const bash = demoReply({ ...body, messages: [prompt, assistant, result(), assistant, result()] });
		expect(toolOf(bash)).toMatchObject({ name: 'Bash', input: { command: expect.any(String), description: expect.any(String) } });
		expect(dialectOf({ tools: OUR_TOOLS }).offers({ tool: 'bash', command: 'ls', description: '' })).toBe(false);
	});

	it('finds the working directory in a per-turn system message, as newer Claude Code versions send it', () => {
		const prompt = { role: 'user', content: [{ type: 'text', text: 'show me a demo' }] };
		const body = {
			system: [{ type: 'text', text: 'You are Claude Code.' }],
			messages: [{ role: 'system', content: CC_SYSTEM }, prompt],
			tools: CLAUDE_CODE_TOOLS
		};
		expect(workingDirectory(body)).toBe('/srv/ws/t/s1');
		const first = demoReply(body);
		expect(toolOf(first)).toMatchObject({ name: 'Write', input: { file_path: '/srv/ws/t/s1/greet.py' } });
		expect(textOf(first)).not.toContain('no file tools');
	});

	it('stops the tour when a call is denied, and only talks when no tools are offered', () => {
		const prompt = { role: 'user', content: 'Show me' };
		const denied = demoReply({ messages: [prompt, assistant, result(true)], tools: OUR_TOOLS });
		expect(toolOf(denied)).toBeUndefined();
		expect(textOf(denied)).toContain('nothing was changed');
		const bare = demoReply({ messages: [prompt] });
		expect(toolOf(bare)).toBeUndefined();
		expect(textOf(bare)).toContain('no file tools');
	});

	it('counts the steps since the last prompt, so a new prompt starts the tour over', () => {
		const messages = [{ role: 'user', content: 'a' }, assistant, result(), assistant, { role: 'user', content: 'again' }];
		expect(turnState(messages)).toEqual({ prompt: 'again', step: 0, lastCallFailed: false });
		expect(TOOL_TOUR.at(-1)?.act).toBeUndefined();
	});

	it('streams its answer in many small deltas through the SDK', async () => {
		const fake = await startFakeAnthropic({ respond: demoResponder({ delayMs: 0 }) });
		const client = new Anthropic({ apiKey: 'demo', baseURL: fake.url, maxRetries: 0 });
		const stream = client.messages.stream({ model: 'claude-sonnet-5-5', max_tokens: 100, messages: [{ role: 'user', content: 'What is this?' }] });
		let deltas = 0;
		stream.on('text', () => deltas++);
		const text = await stream.finalText();
		expect(text.startsWith(DEMO_NOTE)).toBe(true);
		expect(deltas).toBeGreaterThan(50);
		await fake.close();
	});
});
