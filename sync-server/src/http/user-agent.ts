// A short, human name for a device from its User-Agent, shown in the device list ("Chrome on Android").
const SYSTEMS: Array<[RegExp, string]> = [
	[/Android/, 'Android'],
	[/iPhone|iPad|iPod/, 'iOS'],
	[/Mac OS X|Macintosh/, 'macOS'],
	[/Windows/, 'Windows'],
	[/CrOS/, 'ChromeOS'],
	[/Linux/, 'Linux']
];
const BROWSERS: Array<[RegExp, string]> = [
	[/Edg\//, 'Edge'],
	[/Firefox\//, 'Firefox'],
	[/Chrom(e|ium)\//, 'Chrome'],
	[/Safari\//, 'Safari'],
	[/^node|undici|ws\//i, 'Node']
];

export function labelFromUserAgent(ua: string | undefined): string {
	if (!ua) return 'device';
	const system = SYSTEMS.find(([re]) => re.test(ua))?.[1];
	const browser = BROWSERS.find(([re]) => re.test(ua))?.[1];
	if (browser && system) return `${browser} on ${system}`;
	return browser ?? system ?? 'device';
}
