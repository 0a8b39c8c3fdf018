import 'server-only';
import type { Ctx } from '@/modules/kernel';
import { listMembers } from '@/modules/organizations';
import type { MemberChoice } from './resource-form';

/** Members a resource can be linked to; null when the role cannot list members (the field then stays as is). */
export async function memberChoices(ctx: Ctx): Promise<MemberChoice[] | null> {
  try {
    const page = await listMembers(ctx, { page: 1, pageSize: 100 });
    return page.data.map((m) => ({ userId: m.userId, name: m.name, email: m.email }));
  } catch {
    return null;
  }
}
