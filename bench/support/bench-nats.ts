import { deploymentNames, type DeploymentNames } from '@broker/contracts';
import { randomSuffix } from './bench-postgres';

export const BENCH_NATS_URL = process.env.TEST_NATS_URL ?? process.env.NATS_URL ?? 'nats://127.0.0.1:4222';

/** A deployment nobody else uses: its subjects, queue groups and JetStream stream are ours alone. */
export function benchDeployment(prefix: string): DeploymentNames {
  return deploymentNames(`${prefix}_${randomSuffix()}`);
}
