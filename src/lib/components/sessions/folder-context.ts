// The folder a session's agent works in, as Claude Code reported it, handed down by context so that the
// stream and the approval bar can show its absolute tool paths relative to it.
import { getContext, setContext } from 'svelte';

type Folder = () => string | undefined;
const KEY = Symbol('session-folder');

export function setSessionFolder(folder: Folder): void {
	setContext(KEY, folder);
}

/** Call while a component starts; read the returned getter where the folder is needed (it may arrive later). */
export function sessionFolder(): Folder {
	return getContext<Folder | undefined>(KEY) ?? (() => undefined);
}
