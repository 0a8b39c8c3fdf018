/**
 * The words inside the exported files (column names, statuses, the PDF report's headings), in
 * the languages the dashboard speaks. They belong to the documents, not to a page, so they
 * live with the module that writes them; the dashboard's own strings are in messages/exports.*.
 */
import type { BookingStatus } from '@/db/enums';
import type { ExportLanguage } from './schemas';

export interface ExportLabels {
  status: Record<BookingStatus, string>;
  source: Record<'public' | 'staff' | 'member', string>;
  bookingColumns: {
    id: string;
    status: string;
    start: string;
    end: string;
    timezone: string;
    service: string;
    resource: string;
    customer: string;
    email: string;
    phone: string;
    seats: string;
    amount: string;
    currency: string;
    source: string;
    message: string;
    cancellationReason: string;
    createdAt: string;
  };
  customerColumns: {
    id: string;
    name: string;
    email: string;
    phone: string;
    address: string;
    vehicles: string;
    notes: string;
    totalBookings: string;
    lastBookingAt: string;
    createdAt: string;
  };
  report: {
    bookingsTitle: string;
    customersTitle: string;
    customers: string;
    bookings: string;
    period: string;
    allDates: string;
    noBookings: string;
    filters: string;
    search: string;
    statuses: string;
    service: string;
    resource: string;
    customer: string;
    none: string;
    generated: (when: string, zone: string) => string;
    totals: string;
    count: string;
    amount: string;
    total: string;
    bookingsCount: (n: number) => string;
    customersCount: (n: number) => string;
    bookingsOfCustomers: (n: number) => string;
    page: (n: number) => string;
    when: string;
    since: string;
  };
}

const en: ExportLabels = {
  status: { pending: 'Pending', confirmed: 'Confirmed', in_progress: 'In progress', completed: 'Completed', cancelled: 'Cancelled', rejected: 'Rejected', no_show: 'No-show', held: 'On hold' },
  source: { public: 'Booking page', staff: 'Staff', member: 'Member' },
  bookingColumns: {
    id: 'Booking ID',
    status: 'Status',
    start: 'Start',
    end: 'End',
    timezone: 'Time zone',
    service: 'Service',
    resource: 'Resource',
    customer: 'Customer',
    email: 'Email',
    phone: 'Phone',
    seats: 'Seats',
    amount: 'Amount',
    currency: 'Currency',
    source: 'Source',
    message: 'Message',
    cancellationReason: 'Cancellation reason',
    createdAt: 'Created',
  },
  customerColumns: {
    id: 'Customer ID',
    name: 'Name',
    email: 'Email',
    phone: 'Phone',
    address: 'Address',
    vehicles: 'Vehicles',
    notes: 'Notes',
    totalBookings: 'Bookings',
    lastBookingAt: 'Last booking',
    createdAt: 'Customer since',
  },
  report: {
    bookingsTitle: 'Bookings report',
    customersTitle: 'Customers report',
    customers: 'Customers',
    bookings: 'Bookings',
    period: 'Period',
    allDates: 'All dates',
    noBookings: 'no bookings',
    filters: 'Filters',
    search: 'Search',
    statuses: 'Statuses',
    service: 'Service',
    resource: 'Resource',
    customer: 'Customer',
    none: 'none',
    generated: (when, zone) => `Generated ${when} (${zone})`,
    totals: 'Totals',
    count: 'Count',
    amount: 'Amount',
    total: 'Total',
    bookingsCount: (n) => (n === 1 ? '1 booking' : `${n} bookings`),
    customersCount: (n) => (n === 1 ? '1 customer' : `${n} customers`),
    bookingsOfCustomers: (n) => (n === 1 ? '1 booking between them' : `${n} bookings between them`),
    page: (n) => `Page ${n}`,
    when: 'When',
    since: 'Since',
  },
};

const es: ExportLabels = {
  status: { pending: 'Pendiente', confirmed: 'Confirmada', in_progress: 'En curso', completed: 'Completada', cancelled: 'Cancelada', rejected: 'Rechazada', no_show: 'No se presentó', held: 'En espera' },
  source: { public: 'Página de reservas', staff: 'Personal', member: 'Miembro' },
  bookingColumns: {
    id: 'ID de reserva',
    status: 'Estado',
    start: 'Inicio',
    end: 'Fin',
    timezone: 'Zona horaria',
    service: 'Servicio',
    resource: 'Recurso',
    customer: 'Cliente',
    email: 'Correo electrónico',
    phone: 'Teléfono',
    seats: 'Plazas',
    amount: 'Importe',
    currency: 'Moneda',
    source: 'Origen',
    message: 'Mensaje',
    cancellationReason: 'Motivo de cancelación',
    createdAt: 'Creada',
  },
  customerColumns: {
    id: 'ID de cliente',
    name: 'Nombre',
    email: 'Correo electrónico',
    phone: 'Teléfono',
    address: 'Dirección',
    vehicles: 'Vehículos',
    notes: 'Notas',
    totalBookings: 'Reservas',
    lastBookingAt: 'Última reserva',
    createdAt: 'Cliente desde',
  },
  report: {
    bookingsTitle: 'Informe de reservas',
    customersTitle: 'Informe de clientes',
    customers: 'Clientes',
    bookings: 'Reservas',
    period: 'Periodo',
    allDates: 'Todas las fechas',
    noBookings: 'sin reservas',
    filters: 'Filtros',
    search: 'Búsqueda',
    statuses: 'Estados',
    service: 'Servicio',
    resource: 'Recurso',
    customer: 'Cliente',
    none: 'ninguno',
    generated: (when, zone) => `Generado el ${when} (${zone})`,
    totals: 'Totales',
    count: 'Cantidad',
    amount: 'Importe',
    total: 'Total',
    bookingsCount: (n) => (n === 1 ? '1 reserva' : `${n} reservas`),
    customersCount: (n) => (n === 1 ? '1 cliente' : `${n} clientes`),
    bookingsOfCustomers: (n) => (n === 1 ? '1 reserva entre todos' : `${n} reservas entre todos`),
    page: (n) => `Página ${n}`,
    when: 'Cuándo',
    since: 'Desde',
  },
};

const byLanguage: Record<ExportLanguage, ExportLabels> = { en, es };

/** The requested language, else the organization's when it is one we write, else English. */
export function exportLanguage(requested: ExportLanguage | undefined, organizationLocale: string): ExportLanguage {
  if (requested) return requested;
  const base = organizationLocale.slice(0, 2).toLowerCase();
  return base === 'es' ? 'es' : 'en';
}

export function labelsFor(language: ExportLanguage): ExportLabels {
  return byLanguage[language];
}
