// The per-device screen state (open tabs in order, the active one, the sessions panel).
import type { RunnerDb, ScreenRow } from './schema';

export type Screen = Omit<ScreenRow, 'key'>;

export const EMPTY_SCREEN: Screen = { openIds: [], activeId: null, sessionsPanel: false };

export async function readScreen(db: RunnerDb): Promise<Screen> {
	const row = await db.screen.get('screen');
	if (!row) return { ...EMPTY_SCREEN, openIds: [] };
	const { key: _key, ...screen } = row;
	return screen;
}

export async function writeScreen(db: RunnerDb, screen: Screen): Promise<void> {
	await db.screen.put({ key: 'screen', ...screen, openIds: [...screen.openIds] });
}
