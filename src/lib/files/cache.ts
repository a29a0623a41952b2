// The device's copies of a session's folders and files, written after each fetch or save, so the tree
// and the file view of a past session read without a network (shown as possibly stale).
import type { FileContentRow, FileListingRow, RunnerDb } from '$lib/db/schema';
import type { FileContent, Listing } from './api';

export function cacheListing(db: RunnerDb, sessionId: string, listing: Listing, now = Date.now()): Promise<unknown> {
	return db.fileListings.put({ sessionId, path: listing.path, entries: listing.entries, truncated: listing.truncated, fetchedAt: now });
}

export function cachedListing(db: RunnerDb, sessionId: string, path: string): Promise<FileListingRow | undefined> {
	return db.fileListings.get([sessionId, path]);
}

export function cacheContent(db: RunnerDb, sessionId: string, content: FileContent, now = Date.now()): Promise<unknown> {
	const text = content.binary ? null : content.text;
	return db.fileContents.put({ sessionId, path: content.path, text, version: content.version, size: content.size, fetchedAt: now });
}

export function cachedContent(db: RunnerDb, sessionId: string, path: string): Promise<FileContentRow | undefined> {
	return db.fileContents.get([sessionId, path]);
}

