// What the demo model does, as data: a short tour of the real features (a file written and edited after
// approval, a command when the shell is on, an answer in Markdown with code), each step one reply. The
// steps name engine-neutral actions; dialects.ts turns them into the tool calls each engine knows.

/** A tool call in the engine's own terms once translated; paths are relative to the session's folder. */
export type DemoAction =
	| { tool: 'write'; path: string; content: string }
	| { tool: 'edit'; path: string; oldText: string; newText: string }
	| { tool: 'bash'; command: string; description: string };

export interface TourStep {
	say: string;
	/** The call this reply ends with; the next step follows its result. */
	act?: DemoAction;
}

/** Leads every demo reply, so no one mistakes it for Claude. */
export const DEMO_NOTE = '*Demo model — a scripted reply, not Claude: the server has no `ANTHROPIC_API_KEY`.*';

const SCRIPT = 'greet.py';
const FIRST = [
	'"""A greeting, written by the session-runner demo."""',
	'',
	'def greet(name: str) -> str:',
	'    return f"Hello, {name}!"',
	'',
	'print(greet("world"))',
	''
].join('\n');

export const KEY_HELP = [
	'To talk to Claude, give the server an Anthropic API key and restart it:',
	'',
	'```sh',
	'ANTHROPIC_API_KEY=sk-ant-... npm start',
	'```',
	'',
	'Create a key at https://console.anthropic.com (Settings → API Keys). The key stays on the server; devices never see it.'
].join('\n');

/** The tour of the tools, for any prompt that is not a question about the app or the key. */
export const TOOL_TOUR: readonly TourStep[] = [
	{
		say:
			`Let me show you what a session can do. First I create \`${SCRIPT}\` in this session's working folder. ` +
			'Changing a file waits for a person: press **Approve** below, here or on any other signed-in device.',
		act: { tool: 'write', path: SCRIPT, content: FIRST }
	},
	{
		say: `Created \`${SCRIPT}\` — open **Files** to see it. Now a small edit, so **Changes** has a diff to show.`,
		act: { tool: 'edit', path: SCRIPT, oldText: 'print(greet("world"))', newText: 'for name in ("world", "phone", "laptop"):\n    print(greet(name))' }
	},
	{
		say: 'The shell is on (`WORKSPACE_SHELL=1`), so I can run a command in the folder too; it asks first as well.',
		act: { tool: 'bash', command: `ls -l && wc -l ${SCRIPT}`, description: 'List the folder and count the lines of the script' }
	},
	{
		say: [
			'Done. Here is what happened, as Claude would report it:',
			'',
			'| step | where to look |',
			'|---|---|',
			`| wrote \`${SCRIPT}\` after your approval | **Files** → \`${SCRIPT}\` |`,
			'| edited it | **Files** → **Changes**, with the diff |',
			'| ran a command (when the shell is on) | the tool rows above: expand **Input** |',
			'',
			'The script now reads:',
			'',
			'```python',
			FIRST.replace('print(greet("world"))', 'for name in ("world", "phone", "laptop"):\n    print(greet(name))').trimEnd(),
			'```',
			'',
			'Try **Stop** while a reply streams, queue a prompt offline, or pair a phone under **Devices**.',
			'',
			KEY_HELP
		].join('\n')
	}
];

/** When a person denies a call: nothing changed, and the tour ends there. */
export const DENIED =
	'You denied that, so nothing was changed — a denied call never runs. Ask again whenever you like: the tour starts over.';

/** Without file tools (a session with none offered) the demo can only talk. */
export const NO_TOOLS =
	'This session offers no file tools, so the demo cannot show approvals, **Files** or **Changes** here.';

export const ABOUT = [
	'**session-runner** runs Claude coding sessions from any of your devices:',
	'',
	'- prompts and replies live in a document on each device and on this server, so you can type offline and the prompt runs once the device is back online;',
	'- every device watches the reply stream in, and any of them can **Stop** a turn or **Approve** a file change;',
	"- each session has its own working folder on the server, shown under **Files** with every change's diff.",
	'',
	'Ask me to *show what you can do* for a tour with real file changes.'
].join('\n');
