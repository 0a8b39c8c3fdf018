'use client';

/**
 * "Sold out — join the waitlist": for an event on sale whose ticket types (some or all) have no
 * seats left. Name, email, ticket type and quantity, the public-form challenge when the
 * organization asks for it (form-challenge.tsx); the API answers with the entry's secret link
 * (also emailed). When seats come back they are held for the visitor, who pays from that link.
 */
import { useLocale, useTranslations } from 'next-intl';
import { useId, useRef, useState } from 'react';
import { api, call } from '@/app/_lib/api';
import type { PublicEventDetailDto } from '@/modules/events/schemas';
import { LiveRegion } from '@/ui/alert';
import { Button } from '@/ui/button';
import { TextField } from '@/ui/field';
import { FormChallengeStatus, useChallengeRefusal, useFormChallenge } from '../form-challenge';

type TicketType = PublicEventDetailDto['ticketTypes'][number];
const joinWaitlist = api.public.orgs[':slug'].events[':eventSlug'].waitlist.$post;

export function WaitlistJoin({ slug, eventSlug, types, challengeEnabled }: { slug: string; eventSlug: string; types: TicketType[]; challengeEnabled: boolean }) {
  const t = useTranslations('eventWaitlist.page.join');
  const locale = useLocale();
  const soldOut = types.filter((x) => x.soldOut);
  const [open, setOpen] = useState(false);
  const [typeId, setTypeId] = useState(soldOut[0]?.variantId ?? '');
  const [quantity, setQuantity] = useState('1');
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [fields, setFields] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ tone: 'ok' | 'error'; text: string; url?: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const sending = useRef(false);
  const challenge = useFormChallenge(slug, challengeEnabled && open);
  const challengeRefusal = useChallengeRefusal();
  const ids = { type: useId(), quantity: useId(), heading: useId() };

  if (soldOut.length === 0) return null;

  async function submit() {
    if (sending.current) return;
    sending.current = true;
    setBusy(true);
    setMessage(null);
    setFields({});
    const result = await call(
      joinWaitlist({ param: { slug, eventSlug }, json: { ticketTypeId: typeId, quantity: Number(quantity), name, email, locale: locale === 'es' ? 'es' : 'en' } }, { headers: await challenge.headers() }),
    );
    sending.current = false;
    setBusy(false);
    if (result.ok) {
      setMessage({ tone: 'ok', text: t('done'), url: result.data.entryUrl });
      return;
    }
    const reason = (result.error.details as { reason?: string } | undefined)?.reason;
    const refused = challengeRefusal(result);
    setFields(result.fields);
    setMessage({
      tone: 'error',
      text: refused ?? (reason === 'tickets_available' ? t('available') : reason === 'already_waiting' ? t('already') : reason === 'sales_closed' ? t('closed') : result.status === 400 ? result.error.message : t('error')),
    });
  }

  return (
    <section aria-labelledby={ids.heading} className="mt-4 rounded-md border border-slate-200 bg-slate-50 p-4" data-testid="waitlist-join">
      <h3 id={ids.heading} className="text-base font-semibold text-slate-900">
        {t('offer')}
      </h3>
      <p className="mt-1 text-sm text-slate-700">{t('intro')}</p>
      {!open ? (
        <Button type="button" variant="secondary" className="mt-3" onClick={() => setOpen(true)}>
          {t('heading')}
        </Button>
      ) : message?.tone === 'ok' ? null : (
        <form
          className="mt-3 space-y-3"
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          {soldOut.length > 1 ? (
            <div>
              <label htmlFor={ids.type} className="block text-sm font-medium text-slate-900">
                {t('type')}
              </label>
              <select id={ids.type} value={typeId} onChange={(e) => setTypeId(e.target.value)} className="mt-1 h-10 w-full rounded-md border border-slate-400 bg-white px-2 text-sm">
                {soldOut.map((x) => (
                  <option key={x.variantId} value={x.variantId}>
                    {x.name}
                  </option>
                ))}
              </select>
            </div>
          ) : (
            <p className="text-sm text-slate-700">
              {t('type')}: <span className="font-medium text-slate-900">{soldOut[0]!.name}</span>
            </p>
          )}
          <div>
            <label htmlFor={ids.quantity} className="block text-sm font-medium text-slate-900">
              {t('quantity')}
            </label>
            <input
              id={ids.quantity}
              type="number"
              min={1}
              max={10}
              required
              inputMode="numeric"
              value={quantity}
              onChange={(e) => setQuantity(e.target.value)}
              aria-invalid={fields.quantity ? true : undefined}
              className="mt-1 h-10 w-24 rounded-md border border-slate-400 px-2 text-sm"
            />
            {fields.quantity ? <p className="mt-1 text-sm text-red-800">{fields.quantity}</p> : null}
          </div>
          <TextField id="waitlist-name" label={t('name')} value={name} onChange={(e) => setName(e.target.value)} required autoComplete="name" maxLength={120} error={fields.name} />
          <TextField id="waitlist-email" label={t('email')} type="email" value={email} onChange={(e) => setEmail(e.target.value)} required autoComplete="email" error={fields.email} />
          <FormChallengeStatus challenge={challenge} />
          <Button type="submit" aria-disabled={busy || undefined}>
            {busy ? t('submitting') : t('submit')}
          </Button>
        </form>
      )}
      <LiveRegion>
        {message ? (
          <div className={`mt-3 text-sm ${message.tone === 'ok' ? 'text-emerald-800' : 'text-red-800'}`}>
            <p>{message.text}</p>
            {message.url ? (
              <p className="mt-1">
                <a href={message.url} className="font-medium underline">
                  {t('open')}
                </a>
              </p>
            ) : null}
          </div>
        ) : null}
      </LiveRegion>
    </section>
  );
}
