'use client';

import { ShopPageError } from '../../_shop/shop-error';

export default function EventsError({ error, retry }: { error: unknown; retry: () => void }) {
  return <ShopPageError error={error} retry={retry} />;
}
