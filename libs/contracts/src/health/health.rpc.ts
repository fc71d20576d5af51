/** Every backing service answers `<service>.health` with its own checks. */
export const healthPattern = (service: string): string => `${service}.health`;

export interface ComponentHealth {
  status: 'up' | 'down';
  detail?: string;
}

export interface ServiceHealth {
  status: 'up' | 'down';
  service: string;
  checks: Record<string, ComponentHealth>;
  /** Integration events parked after failing too often; they need attention. */
  parkedMessages?: number;
}
