import { z } from 'zod';
import { paginationQuery } from '@/lib/pagination';

const text = (max: number) => z.string().trim().max(max, `must be at most ${max} characters`);

export const customerIdSchema = z.string().regex(/^cus_[0-9a-z]{26}$/, 'must be a cus_… id');

export const emailSchema = z.email('must be an email address').max(254).toLowerCase();
export const phoneSchema = text(40).regex(/^[+()0-9 .-]{5,40}$/, 'must be a phone number');
export const personNameSchema = text(100).min(1, 'is required');

export const addressSchema = z
  .object({
    line1: text(200).optional(),
    line2: text(200).optional(),
    city: text(100).optional(),
    region: text(100).optional(),
    postalCode: text(20).optional(),
    country: text(100).optional(),
  })
  .strict();

export const vehicleSchema = z
  .object({
    type: text(40).optional(),
    make: text(60).optional(),
    model: text(60).optional(),
    year: z.number().int().min(1900).max(2100).optional(),
    color: text(40).optional(),
    plate: text(20).optional(),
  })
  .strict();

/** The contact details a guest gives with a booking. */
export const customerContactSchema = z
  .object({
    name: personNameSchema,
    email: emailSchema,
    phone: phoneSchema.optional(),
  })
  .strict();
export type CustomerContact = z.output<typeof customerContactSchema>;

export const updateCustomerInput = z
  .object({
    name: personNameSchema.optional(),
    email: emailSchema.optional(),
    phone: phoneSchema.nullable().optional(),
    address: addressSchema.optional(),
    vehicles: z.array(vehicleSchema).max(20).optional(),
    notes: text(5000).optional(),
  })
  .strict()
  .refine((v) => Object.keys(v).length > 0, 'provide at least one field to change');

export const listCustomersQuery = paginationQuery.extend({
  q: text(100).optional(),
  sort: z.enum(['name', '-name', 'lastBookingAt', '-lastBookingAt', 'totalBookings', '-totalBookings', 'createdAt', '-createdAt']).default('name'),
});

export const mergeCustomersInput = z
  .object({
    /** Duplicates folded into the customer named in the path. */
    sourceIds: z.array(customerIdSchema).min(1, 'name at least one duplicate').max(20),
  })
  .strict();
