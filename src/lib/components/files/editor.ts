// CodeMirror 6 for the file view, loaded on demand (import()) so the first page stays small; the
// language of a file is found by its name and loaded lazily too (@codemirror/language-data).
import { basicSetup } from 'codemirror';
import { Compartment, EditorState } from '@codemirror/state';
import { EditorView, keymap } from '@codemirror/view';
import { LanguageDescription } from '@codemirror/language';
import { languages } from '@codemirror/language-data';
import { oneDark } from '@codemirror/theme-one-dark';

export interface EditorOptions {
	text: string;
	path: string;
	readOnly: boolean;
	dark: boolean;
	onChange(text: string): void;
	onSave(): void;
}

export interface Editor {
	/** Replaces the whole text (a reload), without reporting it as an edit. */
	setText(text: string): void;
	setReadOnly(readOnly: boolean): void;
	focus(): void;
	destroy(): void;
}

export function createEditor(parent: HTMLElement, options: EditorOptions): Editor {
	const language = new Compartment();
	const readOnly = new Compartment();
	let replacing = false;
	const view = new EditorView({
		parent,
		state: EditorState.create({
			doc: options.text,
			extensions: [
				keymap.of([{ key: 'Mod-s', preventDefault: true, run: () => (options.onSave(), true) }]),
				basicSetup,
				language.of([]),
				readOnly.of(EditorState.readOnly.of(options.readOnly)),
				options.dark ? oneDark : [],
				EditorView.contentAttributes.of({ 'aria-label': `Contents of ${options.path}` }),
				EditorView.updateListener.of((update) => {
					if (update.docChanged && !replacing) options.onChange(update.state.doc.toString());
				})
			]
		})
	});
	const described = LanguageDescription.matchFilename(languages, options.path.split('/').at(-1) ?? options.path);
	described
		?.load()
		.then((support) => view.dom.isConnected && view.dispatch({ effects: language.reconfigure(support) }))
		.catch((error) => console.error('editor-language-failed', options.path, error));

	return {
		setText(text) {
			if (text === view.state.doc.toString()) return;
			replacing = true;
			view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
			replacing = false;
		},
		setReadOnly(value) {
			view.dispatch({ effects: readOnly.reconfigure(EditorState.readOnly.of(value)) });
		},
		focus: () => view.focus(),
		destroy: () => view.destroy()
	};
}
