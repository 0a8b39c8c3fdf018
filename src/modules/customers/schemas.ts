import { z } from 'zod';
import { bookingStatuses } from '@/db/enums';
import { isoInstant, moneyMinor, pageOf } from '@/lib/dto';
import { paginationQuery } from '@/lib/pagination';
import * as organizationSchemas from '@/modules/organizations/schemas';
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

export const getCustomerQuery = paginationQuery;

// ─── Path parameters ────────────────────────────────────────────────────────────────────────

export const customerParams = organizationSchemas.slugParams.extend({ customerId: customerIdSchema });

// ─── Answers (DTOs) ─────────────────────────────────────────────────────────────────────────

const addressDto = z.object({
  line1: z.string().optional(),
  line2: z.string().optional(),
  city: z.string().optional(),
  region: z.string().optional(),
  postalCode: z.string().optional(),
  country: z.string().optional(),
});

const vehicleDto = z.object({
  type: z.string().optional(),
  make: z.string().optional(),
  model: z.string().optional(),
  year: z.number().int().optional(),
  color: z.string().optional(),
  plate: z.string().optional(),
});

export const customerDto = z
  .object({
    id: z.string(),
    name: z.string(),
    email: z.string(),
    phone: z.string().nullable(),
    address: addressDto,
    vehicles: z.array(vehicleDto),
    notes: z.string(),
    /** Bookings that were not cancelled or rejected. */
    totalBookings: z.number().int(),
    /** The latest start among those bookings. */
    lastBookingAt: isoInstant.nullable(),
    /** Set when merged into another customer (then it answers for its email as an alias). */
    mergedIntoId: z.string().nullable(),
    createdAt: isoInstant,
    updatedAt: isoInstant,
  })
  .meta({ id: 'Customer' });
export type CustomerDto = z.infer<typeof customerDto>;
export const customerPage = pageOf(customerDto);

export const customerBookingDto = z.object({
  id: z.string(),
  status: z.enum(bookingStatuses),
  start: isoInstant,
  end: isoInstant,
  serviceId: z.string(),
  serviceName: z.string(),
  resourceId: z.string(),
  resourceName: z.string(),
  priceMinor: moneyMinor,
  currency: z.string(),
  createdAt: isoInstant,
});
export type CustomerBookingDto = z.infer<typeof customerBookingDto>;

export const customerDetailDto = z.object({ customer: customerDto, bookings: pageOf(customerBookingDto) }).meta({ id: 'CustomerDetail' });
export type CustomerDetailDto = z.infer<typeof customerDetailDto>;
