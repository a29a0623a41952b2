// Names of the device's IndexedDB database and tables, shared by the app and by tests that seed it.
export const DB_NAME = 'session-runner';
export const DOCS_TABLE = 'docs';
/** y-dexie keeps the updates of a Y.Doc property in its own table, named `$<table>.<prop>_updates`. */
export const DOC_UPDATES_TABLE = '$docs.doc_updates';
