/** Request and response schemas of the mail page's routes (the catcher and delivery states). */
import { z } from 'zod';
import { isoInstant, pageOf } from '@/lib/dto';
import { paginationQuery } from '@/lib/pagination';

export const slugParams = z.object({ slug: z.string().max(100, 'is not an organization') });
export const mailParams = slugParams.extend({ mailId: z.string().max(64).regex(/^mail_[0-9a-z]{26}$/, 'must be a mail_… id') });

export const listMailQuery = paginationQuery;

/** pending: not tried yet; retrying: tried and failed, another try is due; failed: given up (dead letter); sent. */
export const deliveryStates = ['pending', 'retrying', 'failed', 'sent'] as const;
export const listDeliveriesQuery = paginationQuery.extend({
  state: z.enum(deliveryStates).optional().meta({ description: 'Only messages in this state; default: all but sent' }),
});

const attachmentDto = z.object({ filename: z.string(), contentType: z.string(), size: z.number().int() });

export const mailSummaryDto = z
  .object({
    id: z.string(),
    topic: z.string(),
    from: z.string(),
    to: z.string(),
    subject: z.string(),
    attachments: z.array(attachmentDto),
    createdAt: isoInstant,
  })
  .meta({ id: 'MailSummary' });
export type MailSummaryDto = z.infer<typeof mailSummaryDto>;

export const mailDto = mailSummaryDto
  .extend({
    text: z.string(),
    html: z.string(),
    raw: z.string().meta({ description: 'The MIME source, as an SMTP server would have received it' }),
  })
  .meta({ id: 'Mail' });
export type MailDto = z.infer<typeof mailDto>;

export const deliveryDto = z
  .object({
    id: z.string(),
    topic: z.string(),
    state: z.enum(deliveryStates),
    attempts: z.number().int(),
    lastError: z.string().nullable(),
    nextAttemptAt: isoInstant.nullable(),
    createdAt: isoInstant,
    sentAt: isoInstant.nullable(),
  })
  .meta({ id: 'Delivery' });
export type DeliveryDto = z.infer<typeof deliveryDto>;

export const mailPage = pageOf(mailSummaryDto);
export const deliveryPage = pageOf(deliveryDto);
