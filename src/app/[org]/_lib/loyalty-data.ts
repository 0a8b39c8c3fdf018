/**
 * The signed-in visitor's own loyalty points in an organization (modules/loyalty getMyLoyalty),
 * for the checkout's "use points" control and the "My loyalty" page. Null when nobody is signed in.
 */
import 'server-only';
import { cachedAnonymousCtx, cachedCurrentUser } from '@/app/_lib/request-cache';
import { isAppError } from '@/lib/errors';
import { getMyLoyalty, type MyLoyaltyDto } from '@/modules/loyalty';

export async function loadMyLoyalty(slug: string, page = 1, pageSize = 20): Promise<MyLoyaltyDto | null> {
  const user = await cachedCurrentUser();
  if (!user) return null;
  const base = await cachedAnonymousCtx();
  try {
    return await getMyLoyalty({ ...base, actor: { type: 'user', userId: user.id, email: user.email, name: user.name, role: null } }, slug, { page, pageSize });
  } catch (err) {
    if (isAppError(err) && err.code === 'NOT_FOUND') return null;
    throw err;
  }
}
