// Defaults shared by the device and the server, defined once so both name the same model.

/** A current Sonnet from the SDK's model list (the SDK warns on deprecated ids such as claude-sonnet-4-5). */
export const DEFAULT_MODEL = 'claude-sonnet-5-5';
