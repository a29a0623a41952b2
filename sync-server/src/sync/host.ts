// What the rest of the server (the Claude runner, the HTTP API) may ask of the document registry.
// Changes made to a hosted Y.Doc are persisted and broadcast by the registry like any client's.
import type * as Y from 'yjs';

export interface HeldDoc {
	doc: Y.Doc;
	/** Lets the registry unload the document again once no socket or holder needs it. */
	release(): void;
}

export interface DocHost {
	/** Loads the tenant's document (or finds it live) and keeps it loaded until released. */
	open(tenant: string, name: string): Promise<HeldDoc>;
	/** Called for every document the registry loads, whoever asked for it; returns an unsubscribe. */
	onLoad(listener: (tenant: string, name: string, doc: Y.Doc) => void): () => void;
}

/** A tenant's document as one map key: JSON, so no tenant or name can be crafted to collide with another. */
export const docKey = (tenant: string, name: string) => JSON.stringify([tenant, name]);
