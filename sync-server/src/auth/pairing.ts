// Sign-in links carry the secret in the URL fragment (`/signin#token=`), which browsers never send to
// a server, so it stays out of access logs; the QR code encodes the same link for a phone camera.
export function signInLink(origin: string, secret: string): string {
	return `${origin}/signin#token=${encodeURIComponent(secret)}`;
}

export interface QrImage {
	svg: string;
	dataUrl: string;
}

export async function qrImage(text: string): Promise<QrImage> {
	// qrcode loads at the first pairing code shown, not at start.
	const { default: QRCode } = await import('qrcode');
	const svg = await QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
	return { svg, dataUrl: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}` };
}
