export * from './auth';
export * from './organizations';
export * from './platform';
export * from './catalog';
export * from './schedules';
export * from './bookings';
export * from './identity';
export * from './webhooks';
