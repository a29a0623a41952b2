// A request's JSON body, or undefined when it has none or it does not parse (the schema check then refuses it).
export async function readJson(req: { json(): Promise<unknown> }): Promise<unknown> {
	try {
		return await req.json();
	} catch {
		return undefined;
	}
}
