// Copies text for the person: the Clipboard API where the page may use it (https or localhost), else
// the older selection copy, which also works on a plain-http LAN address.
export async function copyText(text: string, fallback: HTMLInputElement | null): Promise<boolean> {
	try {
		await navigator.clipboard.writeText(text);
		return true;
	} catch {
		if (!fallback) return false;
		fallback.select();
		return document.execCommand('copy');
	}
}
