// What another process has used, read from /proc (Linux): its CPU time and its resident memory.
import { readFileSync } from 'node:fs';

/** Kernel clock ticks per second (USER_HZ), in which /proc/<pid>/stat counts CPU time: 100 on Linux. */
const CLOCK_TICKS = 100;

/** CPU time (user + system) the process has used so far, in ms (10 ms steps), else NaN. */
export function cpuMs(pid: number): number {
	try {
		const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
		return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
	} catch {
		return Number.NaN;
	}
}

/** A memory field of /proc/<pid>/status (VmRSS, VmHWM, …) in kB, or undefined once the process is gone. */
export function statusKb(pid: number, field: string): number | undefined {
	try {
		const kb = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
		return kb === undefined ? undefined : Number(kb);
	} catch {
		return undefined;
	}
}

/** The process's resident memory now (VmRSS), in MB to one decimal. */
export function rssMB(pid: number): number {
	const kb = statusKb(pid, 'VmRSS');
	if (kb === undefined) throw new Error(`process ${pid} has no resident memory to read (gone?)`);
	return Math.round((kb / 1024) * 10) / 10;
}
