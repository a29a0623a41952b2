// The images waiting to go with the next prompt of one session: added by paste, drop or the picker,
// checked against the same limits the server applies, previewed through object URLs freed on removal.
import { checkImages, IMAGE_TYPES } from '$lib/core/image-checks';
import type { PromptImage } from '$lib/docs/actions';

export interface Attachment extends PromptImage {
	url: string;
}

export const ACCEPT = IMAGE_TYPES.join(',');

export class Attachments {
	items = $state<Attachment[]>([]);

	/** Adds the image files among `files`; returns why one was refused, if one was. */
	async add(files: Iterable<File>): Promise<string | null> {
		for (const file of files) {
			const bytes = new Uint8Array(await file.arrayBuffer());
			const candidate = { bytes, name: file.name || 'pasted image' };
			const checked = checkImages([...this.items, candidate]);
			if (!checked.ok) return checked.error.message;
			this.items.push({ ...candidate, url: URL.createObjectURL(new Blob([bytes], { type: file.type })) });
		}
		return null;
	}

	remove(index: number): void {
		const [gone] = this.items.splice(index, 1);
		if (gone) URL.revokeObjectURL(gone.url);
	}

	clear(): void {
		for (const item of this.items) URL.revokeObjectURL(item.url);
		this.items = [];
	}
}
