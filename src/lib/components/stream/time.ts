// Timestamps as the stream shows them: hh:mm:ss on the line, the full local date and time on hover.
const clock = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
const full = new Intl.DateTimeFormat(undefined, { dateStyle: 'full', timeStyle: 'long' });
const short = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export const formatClock = (ms: number) => clock.format(ms);
export const formatFull = (ms: number) => full.format(ms);
export const formatDateTime = (ms: number) => short.format(ms);
export const isoOf = (ms: number) => new Date(ms).toISOString();
