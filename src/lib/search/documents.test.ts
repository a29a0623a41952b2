import { describe, expect, it } from 'vitest';
import { folderRelative } from './documents';

describe('search result text', () => {
	const id = '01JDEFAULTSESSION';
	it('shows paths inside the session’s default folder relative to it, as the stream does', () => {
		expect(folderRelative(`Write\n/srv/data/workspaces/default/${id}/greet.py`, { id })).toBe('Write\ngreet.py');
		expect(folderRelative(`/srv/data/workspaces/default/ORIGIN/src/a.ts`, { id, folderOf: 'ORIGIN' })).toBe('src/a.ts');
	});

	it('uses a session’s own folder when it has one, and leaves paths outside it whole', () => {
		expect(folderRelative('Edit /home/me/project/src/app.ts and /etc/hosts', { id, workspace: '/home/me/project' })).toBe('Edit src/app.ts and /etc/hosts');
		expect(folderRelative('/tmp/other/greet.py', { id })).toBe('/tmp/other/greet.py');
	});
});
