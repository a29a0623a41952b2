// Whether keyboard hints ("Enter sends", Ctrl+K) belong on screen: not on a touch screen or at phone width.
import { MediaQuery } from 'svelte/reactivity';

const touch = new MediaQuery('(pointer: coarse), (max-width: 640px)');

export const keyboardHints = {
	get shown(): boolean {
		return !touch.current;
	}
};
