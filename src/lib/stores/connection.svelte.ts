// What the connection indicator shows. Only local storage exists yet; the sync helper will drive `set`.
export type ConnectionKind = 'online' | 'offline' | 'syncing';

export class ConnectionState {
	kind = $state<ConnectionKind>('offline');
	detail = $state('no server yet');

	set(kind: ConnectionKind, detail = ''): void {
		this.kind = kind;
		this.detail = detail;
	}
}
