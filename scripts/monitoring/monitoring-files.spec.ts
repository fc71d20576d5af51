import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ServiceMetrics } from '@broker/runtime';
import { parse } from 'yaml';
import { GatewayMetrics } from '../../services/gateway/src/metrics/gateway-metrics';
import { registerMailMetrics } from '../../services/notifications/src/mail/mail-metrics';

const root = join(__dirname, '..', '..');
const read = (path: string) => readFileSync(join(root, path), 'utf8');

/** Every metric family a process of the platform registers: every service's, the gateway's and the e-mail queue's. */
const notifications = new ServiceMetrics('notifications');
registerMailMetrics(notifications, () => Promise.resolve(0));
const families = new Set([...notifications.registry.getMetricsAsArray(), ...new GatewayMetrics().registry.getMetricsAsArray()].map((metric) => metric.name));

/** The metric names a PromQL expression refers to (a histogram's series name its family). */
function referencedFamilies(expr: string): string[] {
  const names = expr.match(/\b(broker|process|nodejs)_[a-z0-9_]+/g) ?? [];
  return names.map((name) => (families.has(name) ? name : name.replace(/_(bucket|count|sum)$/, '')));
}

interface Dashboard {
  panels: { type: string; title: string; targets?: { expr: string }[] }[];
}
interface AlertRules {
  groups: { rules: { alert: string; expr: string; for?: string; labels?: { severity?: string }; annotations?: { summary?: string; description?: string } }[] }[];
}

describe('monitoring files (deploy/monitoring)', () => {
  const dashboard = JSON.parse(read('deploy/monitoring/grafana-dashboard.json')) as Dashboard;
  const rules = (parse(read('deploy/monitoring/prometheus-alerts.yaml')) as AlertRules).groups.flatMap((group) => group.rules);

  it('draws only metric families the processes register, each panel with a query', () => {
    const panels = dashboard.panels.filter((panel) => panel.type !== 'row');
    expect(panels.length).toBeGreaterThan(10);
    for (const panel of panels) {
      expect([panel.title, panel.targets?.length ?? 0]).toEqual([panel.title, 1]);
      for (const name of referencedFamilies(panel.targets![0]!.expr)) expect([panel.title, name, families.has(name)]).toEqual([panel.title, name, true]);
    }
  });

  it('shows every family of ours on the dashboard', () => {
    const drawn = new Set(dashboard.panels.flatMap((panel) => (panel.targets ?? []).flatMap((target) => referencedFamilies(target.expr))));
    for (const name of [...families].filter((family) => family.startsWith('broker_'))) expect([name, drawn.has(name)]).toEqual([name, true]);
  });

  it('alerts on lagging consumers and projections, parked messages and e-mails, a projection nobody leads, an outbox not draining and server errors, each with a severity, a wait and words for a person', () => {
    expect(rules.map((rule) => rule.alert)).toEqual(
      expect.arrayContaining(['BrokerConsumerLagging', 'BrokerMessagesParked', 'BrokerProjectionLagging', 'BrokerProjectionWithoutLeader', 'BrokerOutboxNotDraining', 'BrokerEmailsParked', 'BrokerServerErrors']),
    );
    for (const rule of rules) {
      expect([rule.alert, ['warning', 'critical'].includes(rule.labels?.severity ?? ''), /^\d+m$/.test(rule.for ?? ''), Boolean(rule.annotations?.summary && rule.annotations.description)]).toEqual([rule.alert, true, true, true]);
      for (const name of referencedFamilies(rule.expr)) expect([rule.alert, name, families.has(name)]).toEqual([rule.alert, name, true]);
    }
  });

  it('lists every family of ours in the operations page', () => {
    const operations = read('docs/operations.md');
    for (const name of [...families].filter((family) => family.startsWith('broker_'))) expect([name, operations.includes(`\`${name}\``)]).toEqual([name, true]);
  });
});
