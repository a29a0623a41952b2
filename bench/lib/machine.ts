// What a figure was measured on: a number without its machine and load is not comparable to another.
import { cpus, loadavg, release, totalmem, type as osType } from 'node:os';

export interface Machine {
	cpu: string;
	cores: number;
	memoryGB: number;
	os: string;
	node: string;
	/** 1, 5 and 15 minute load averages when the reading was taken. */
	loadAverage: number[];
}

export function machine(): Machine {
	const list = cpus();
	return {
		cpu: list[0]?.model.trim() ?? 'unknown',
		cores: list.length,
		memoryGB: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
		os: `${osType()} ${release()}`,
		node: process.version,
		loadAverage: loadavg().map((l) => Math.round(l * 100) / 100)
	};
}
