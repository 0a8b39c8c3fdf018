'use client';

import { ShopPageError } from '../_shop/shop-error';

export default function LoyaltyProgramError({ error, retry }: { error: unknown; retry: () => void }) {
  return <ShopPageError error={error} retry={retry} />;
}
