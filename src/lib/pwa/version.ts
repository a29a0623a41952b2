// The build's version marker, baked in by Vite's `define` (vite.config.ts), so two builds can be told apart.
declare const __APP_VERSION__: string;

export const APP_VERSION: string = typeof __APP_VERSION__ === 'string' ? __APP_VERSION__ : 'dev';
