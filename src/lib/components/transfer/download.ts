// Saves text as a file through the browser's download, and the file names exports get.
export function download(fileName: string, text: string, type: string): void {
	const url = URL.createObjectURL(new Blob([text], { type }));
	const link = Object.assign(document.createElement('a'), { href: url, download: fileName });
	link.click();
	// The click starts the download synchronously; the URL is no longer needed once it has.
	setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** A file-name-safe form of a title: letters and digits kept, the rest folded into dashes. */
export function slug(title: string): string {
	return (
		title
			.normalize('NFKD')
			.replace(/[^\p{L}\p{N}]+/gu, '-')
			.replace(/^-+|-+$/g, '')
			.slice(0, 60)
			.toLowerCase() || 'session'
	);
}

export const today = (now = new Date()) => now.toISOString().slice(0, 10);
