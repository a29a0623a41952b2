// In-page helpers of the browser bench, installed before each navigation (plain JavaScript: code that
// tsx compiled would reference helpers the page does not have). Reads window.__BENCH_CONFIG.
(() => {
	const config = window.__BENCH_CONFIG ?? {};
	let listShown;
	// A promise to await from outside: the page's CSP forbids the eval that a polled predicate needs.
	const bench = (window.__bench = { listItems: 0, listShown: new Promise((resolve) => (listShown = resolve)) });
	const afterPaint = (fn) => requestAnimationFrame(() => setTimeout(fn, 0));
	const sessionList = () => document.querySelector('[aria-label="All sessions"]');
	const buttonNamed = (root, name) => [...root.querySelectorAll('button')].find((b) => b.textContent.trim() === name);

	// The session list is usable once the first session's entry is there to click (painted).
	const watchList = new MutationObserver(() => {
		const list = sessionList();
		if (!list || !config.firstTitle || !buttonNamed(list, config.firstTitle)) return;
		watchList.disconnect();
		bench.listItems = list.querySelectorAll('li').length;
		afterPaint(() => listShown(performance.now()));
	});
	watchList.observe(document, { childList: true, subtree: true });

	const inView = (el, box) => {
		const a = el.getBoundingClientRect();
		const b = box.getBoundingClientRect();
		return a.height > 0 && a.bottom > b.top && a.top < b.bottom;
	};

	/** Clicks a session in the list; resolves with the ms until `tail` shows in the stream's viewport. */
	bench.openUntilTail = (title, tail) =>
		new Promise((resolve, reject) => {
			const button = buttonNamed(sessionList(), title);
			if (!button) return reject(new Error(`no session "${title}" in the list`));
			const timer = setTimeout(() => reject(new Error(`"${tail}" never showed`)), 30000);
			const check = () => {
				const log = document.querySelector('[role="log"][aria-label="Session output"]');
				const last = log && [...log.querySelectorAll('[data-kind]')].find((el) => el.textContent.includes(tail));
				if (!last || !inView(last, log)) return requestAnimationFrame(check);
				clearTimeout(timer);
				// This frame paints it; the task after it runs once the frame is out.
				setTimeout(() => resolve(performance.now() - started), 0);
			};
			const started = performance.now();
			button.click();
			requestAnimationFrame(check);
		});

	/** Writes rows into an existing IndexedDB database, decoding the base64 fields named in `binary`. */
	bench.put = async (dbName, batch) => {
		const db = await new Promise((resolve, reject) => {
			const request = indexedDB.open(dbName);
			request.onsuccess = () => resolve(request.result);
			request.onerror = () => reject(request.error);
		});
		const decode = (b64) => Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
		const tx = db.transaction([batch.store], 'readwrite');
		const store = tx.objectStore(batch.store);
		for (const row of batch.rows) {
			for (const field of batch.binary ?? []) row[field] = decode(row[field]);
			if (batch.add) store.add(row);
			else store.put(row);
		}
		await new Promise((resolve, reject) => {
			tx.oncomplete = resolve;
			tx.onerror = () => reject(tx.error);
		});
		db.close();
	};

	bench.storeNames = (dbName) =>
		new Promise((resolve, reject) => {
			const request = indexedDB.open(dbName);
			request.onsuccess = () => {
				const names = [...request.result.objectStoreNames];
				request.result.close();
				resolve(names);
			};
			request.onerror = () => reject(request.error);
		});
})();
