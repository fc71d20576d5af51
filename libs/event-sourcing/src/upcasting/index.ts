export * from './upcaster';
export * from './upcast-event';
export * from './upcasting-event-store';
