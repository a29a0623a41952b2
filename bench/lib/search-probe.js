// In-page helpers of the search bench (plain JavaScript, installed before each navigation).
(() => {
	const bench = (window.__searchBench = {});
	const afterPaint = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
	const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
	const status = () => document.querySelector('dialog[open] [role="status"]');
	const input = () => document.querySelector('input[aria-label="Search messages"]');
	const list = () => document.querySelector('[aria-label="Search results"]');

	/** Presses Ctrl+Shift+F; resolves with the ms until the dialog can search (index built or loaded). */
	bench.openSearch = async () => {
		const started = performance.now();
		window.dispatchEvent(new KeyboardEvent('keydown', { code: 'KeyF', key: 'F', ctrlKey: true, shiftKey: true, bubbles: true }));
		while (!status() || status().textContent.includes('Preparing')) await frame();
		await afterPaint();
		return performance.now() - started;
	};

	/** Types `query` one character at a time; per keystroke (from two characters on), the ms until its
	 *  results are on screen (the list answers that text, and the frame showing it has painted). */
	bench.type = async (query) => {
		const field = input();
		const set = (value) => {
			field.value = value;
			field.dispatchEvent(new Event('input', { bubbles: true }));
		};
		set('');
		while (list().dataset.query !== '') await frame();
		const times = [];
		let results = 0;
		for (let i = 1; i <= query.length; i++) {
			const text = query.slice(0, i);
			const started = performance.now();
			set(text);
			if (text.trim().length < 2 || text.trim() === query.slice(0, i - 1).trim()) continue;
			while (list().dataset.query !== text.trim()) await new Promise((resolve) => setTimeout(resolve, 0));
			await afterPaint();
			times.push(performance.now() - started);
			results = list().querySelectorAll('li').length;
		}
		return { times, results };
	};

	bench.saved = (dbName) =>
		new Promise((resolve, reject) => {
			const request = indexedDB.open(dbName);
			request.onsuccess = () => {
				const db = request.result;
				const get = db.transaction('searchIndex').objectStore('searchIndex').get('messages');
				get.onsuccess = () => {
					db.close();
					resolve(get.result ? get.result.json.length : 0);
				};
				get.onerror = () => reject(get.error);
			};
			request.onerror = () => reject(request.error);
		});
})();
