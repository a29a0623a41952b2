import { describe, expect, it } from 'vitest';
import { shortcutFor } from './shortcuts';

const key = (init: Partial<KeyboardEvent>) => ({ isComposing: false, repeat: false, ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, key: '', code: '', target: null, ...init }) as KeyboardEvent;

describe('shortcutFor', () => {
	it('maps the documented combinations', () => {
		expect(shortcutFor(key({ ctrlKey: true, code: 'KeyK', key: 'k' }))).toEqual({ type: 'new-session' });
		expect(shortcutFor(key({ metaKey: true, code: 'KeyK', key: 'k' }))).toEqual({ type: 'new-session' });
		expect(shortcutFor(key({ altKey: true, code: 'Digit3', key: '£' }))).toEqual({ type: 'tab', index: 2 });
		expect(shortcutFor(key({ altKey: true, code: 'KeyW' }))).toEqual({ type: 'close-tab' });
		expect(shortcutFor(key({ ctrlKey: true, code: 'Slash' }))).toEqual({ type: 'help' });
		expect(shortcutFor(key({ key: '?', shiftKey: true }))).toEqual({ type: 'help' });
		expect(shortcutFor(key({ key: 'Escape' }))).toEqual({ type: 'dismiss' });
		expect(shortcutFor(key({ ctrlKey: true, code: 'KeyF', key: 'f' }))).toEqual({ type: 'search', scope: 'session' });
		expect(shortcutFor(key({ metaKey: true, shiftKey: true, code: 'KeyF', key: 'F' }))).toEqual({ type: 'search', scope: 'all' });
	});

	it('leaves plain keys typed into a field to the field', () => {
		const textarea = { tagName: 'TEXTAREA', isContentEditable: false } as unknown as EventTarget;
		expect(shortcutFor(key({ key: '?', target: textarea }))).toBeNull();
		expect(shortcutFor(key({ key: '/', target: textarea }))).toBeNull();
		expect(shortcutFor(key({ altKey: true, code: 'Digit1', target: textarea }))).toEqual({ type: 'tab', index: 0 });
	});

	it('ignores plain keys, repeats and composition', () => {
		expect(shortcutFor(key({ key: 'a', code: 'KeyA' }))).toBeNull();
		expect(shortcutFor(key({ altKey: true, code: 'Digit0' }))).toBeNull();
		expect(shortcutFor(key({ ctrlKey: true, code: 'KeyK', repeat: true }))).toBeNull();
		expect(shortcutFor(key({ ctrlKey: true, code: 'KeyK', isComposing: true }))).toBeNull();
	});
});
