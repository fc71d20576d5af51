/** Turns the data of one event type from `fromVersion` into `fromVersion + 1`. Must be pure. */
export interface Upcaster {
  readonly eventType: string;
  readonly fromVersion: number;
  upcast(data: Record<string, unknown>): Record<string, unknown>;
}

export interface UpcastResult {
  schemaVersion: number;
  data: Record<string, unknown>;
}

/**
 * The upcasters of a service. The current version of a type is one past its highest `fromVersion`
 * (1 when it has none); older data is chained step by step up to it.
 */
export class UpcasterRegistry {
  private readonly byType = new Map<string, Map<number, Upcaster>>();

  constructor(upcasters: readonly Upcaster[] = []) {
    for (const upcaster of upcasters) this.register(upcaster);
  }

  register(upcaster: Upcaster): this {
    const { eventType, fromVersion } = upcaster;
    if (!Number.isInteger(fromVersion) || fromVersion < 1) {
      throw new RangeError(`Upcaster for ${eventType}: fromVersion must be an integer >= 1, got ${fromVersion}`);
    }
    let steps = this.byType.get(eventType);
    if (!steps) this.byType.set(eventType, (steps = new Map()));
    if (steps.has(fromVersion)) throw new Error(`Two upcasters for ${eventType} from version ${fromVersion}`);
    steps.set(fromVersion, upcaster);
    return this;
  }

  currentVersion(eventType: string): number {
    const steps = this.byType.get(eventType);
    return steps && steps.size > 0 ? Math.max(...steps.keys()) + 1 : 1;
  }

  upcast(eventType: string, schemaVersion: number, data: Record<string, unknown>): UpcastResult {
    const steps = this.byType.get(eventType);
    const target = this.currentVersion(eventType);
    // Rule: an unknown type, a current or newer version, or a version with no complete path up passes through unchanged.
    if (!steps || schemaVersion >= target) return { schemaVersion, data };
    for (let version = schemaVersion; version < target; version++) {
      if (!steps.has(version)) return { schemaVersion, data };
    }
    let upcast = data;
    for (let version = schemaVersion; version < target; version++) upcast = steps.get(version)!.upcast(upcast);
    return { schemaVersion: target, data: upcast };
  }
}
