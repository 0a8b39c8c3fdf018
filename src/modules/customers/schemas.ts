import { z } from 'zod';
import { paginationQuery } from '@/lib/pagination';
import { emailAddress, freeText, phoneNumber, plainText, searchText } from '@/lib/text';

const text = plainText;

export const customerIdSchema = z.string().max(64).regex(/^cus_[0-9a-z]{26}$/, 'must be a cus_… id');

export const emailSchema = emailAddress();
export const phoneSchema = phoneNumber();
export const personNameSchema = plainText(100).min(1, 'is required');

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
    notes: freeText(5000).optional(),
  })
  .strict()
  .refine((v) => Object.keys(v).length > 0, 'provide at least one field to change');

export const listCustomersQuery = paginationQuery.extend({
  q: searchText(100).optional(),
  sort: z.enum(['name', '-name', 'lastBookingAt', '-lastBookingAt', 'totalBookings', '-totalBookings', 'createdAt', '-createdAt']).default('name'),
});

export const mergeCustomersInput = z
  .object({
    /** Duplicates folded into the customer named in the path. */
    sourceIds: z.array(customerIdSchema).min(1, 'name at least one duplicate').max(20),
  })
  .strict();
