// A short, human name for a device from its User-Agent ("Chrome on Android"): the server names devices in
// the device list with it, and a device names itself with it when it answers an approval offline.
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
	if (!ua) return 'a device';
	const system = SYSTEMS.find(([re]) => re.test(ua))?.[1];
	const browser = BROWSERS.find(([re]) => re.test(ua))?.[1];
	if (browser && system) return `${browser} on ${system}`;
	return browser ?? system ?? 'a device';
}
