import { authorize, type Ctx, tenantTx } from '@/modules/kernel';
import { presentProgram } from './present';
import { readProgram } from './program';
import type { ProgramDto } from './schemas';

/** The program's settings (every member of the organization may read them: staff explain them to customers). */
export async function getProgram(ctx: Ctx): Promise<ProgramDto> {
  authorize(ctx, 'org:read');
  const orgId = ctx.tenant.id;
  return tenantTx(ctx, async (tx) => presentProgram(await readProgram(tx, orgId), ctx.tenant.currency));
}
