// write: create a file or replace its contents, returning the diff for the session record.
import { changeFile } from '../change';
import { defineTool } from '../tool';

export const writeTool = defineTool('write', (input, ctx) => changeFile(ctx.root, input.path, () => input.content, false));
