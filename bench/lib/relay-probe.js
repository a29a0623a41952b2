// In-page probe of the relay-screen bench, installed before the app loads (plain JavaScript: code that tsx
// compiled would reference helpers the page does not have). Records, on the page's clock:
// - when each sync frame arrives, before y-websocket handles it (a WebSocket subclass listening first);
// - when a new reply's visible text grows in the DOM (a MutationObserver, which runs right after the
//   change), and the frame that paints it (the next requestAnimationFrame).
// Visible text is counted as ASCII letters and digits outside buttons (a code block's Copy), which the
// Markdown source and its rendering hold in the same order, so a source prefix maps to a count.
(() => {
	const relay = (window.__relay = { frames: [], seen: [], painted: [] });
	let watching = null;

	const Native = window.WebSocket;
	window.WebSocket = class extends Native {
		constructor(url, protocols) {
			super(url, protocols);
			// The bench's one session document, not the index (y-websocket connects to <url>/<room>).
			const session = /\/sync\/session\//.test(new URL(url).pathname);
			this.addEventListener('message', (event) => {
				if (watching && session) relay.frames.push([performance.now(), event.data.byteLength ?? event.data.length]);
			});
		}
	};

	/** Cheap enough to run on every change: one string for the text, one for what its buttons say. */
	const alnum = (text) => text.replace(/[^A-Za-z0-9]/g, '').length;
	const visibleCount = (root) => alnum(root.textContent) - [...root.querySelectorAll('button')].reduce((sum, b) => sum + alnum(b.textContent), 0);

	/** Starts watching for the next reply in the open session; earlier replies are ignored. */
	relay.watch = () => {
		const log = document.querySelector('[role="log"]');
		const replyRows = () => [...log.querySelectorAll('.row')].filter((row) => row.querySelector('[data-kind="assistant"]'));
		const known = new Set(replyRows().map((row) => row.dataset.id));
		relay.frames = [];
		relay.seen = [];
		relay.painted = [];
		watching?.observer.disconnect();
		const observer = new MutationObserver(() => {
			const at = performance.now();
			const row = replyRows().find((r) => !known.has(r.dataset.id));
			const text = row?.querySelector('.markdown');
			if (!text) return;
			const count = visibleCount(text);
			if (count === (relay.seen.at(-1)?.[1] ?? 0)) return;
			relay.seen.push([at, count]);
			requestAnimationFrame((frameAt) => relay.painted.at(-1)?.[1] !== count && relay.painted.push([frameAt, count]));
			for (const waiter of [...watching.waiters].filter((w) => count >= w.want)) {
				watching.waiters.delete(waiter);
				waiter.resolve();
			}
		});
		observer.observe(log, { subtree: true, childList: true, characterData: true });
		watching = { observer, waiters: new Set() };
	};

	/** Resolves once the watched reply shows `want` visible characters. */
	relay.until = (want, timeoutMs) =>
		new Promise((resolve, reject) => {
			if ((relay.seen.at(-1)?.[1] ?? 0) >= want) return resolve();
			const waiter = { want, resolve };
			watching.waiters.add(waiter);
			setTimeout(() => {
				if (watching.waiters.delete(waiter)) reject(new Error(`the reply showed ${relay.seen.at(-1)?.[1] ?? 0} of ${want} characters`));
			}, timeoutMs);
		});
})();
