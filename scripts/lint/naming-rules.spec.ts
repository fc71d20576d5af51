import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { checkTree } from './check-names';
import { checkNames, type NamingRule } from './naming-rules';

/** A tree that keeps every rule: a feature with its model layer, repository and use cases, and a lib. */
const agreeing = [
  'services/shop/src/orders/domain/order.decider.ts',
  'services/shop/src/orders/domain/order.decider.spec.ts',
  'services/shop/src/orders/domain/internet-domain-claim.events.ts',
  'services/shop/src/orders/order.repository.ts',
  'services/shop/src/orders/order.repository.int-spec.ts',
  'services/shop/src/orders/place-order/place-order.controller.ts',
  'services/shop/src/orders/place-order/place-order.handler.ts',
  'services/shop/src/orders/place-order/place-order.handler.spec.ts',
  'services/shop/src/orders/order-list/order-list.projection.ts',
  'services/shop/src/orders/list-orders/list-orders.controller.ts',
  'services/shop/src/orders/add-internet-domain/add-internet-domain.handler.ts',
  'services/shop/src/orders/list-internet-domains/list-internet-domains.controller.ts',
  'services/shop/src/sales-report/sales-report.query.ts',
  'services/shop/src/sales-report/sales-report.controller.ts',
  'services/gateway/src/orders/orders.controller.ts',
  'services/gateway/src/orders/order-lines.controller.ts',
  'libs/event-sourcing/src/errors/domain-error.ts',
  'libs/contracts/src/shop/internet-domain-name.ts',
];

const judged = (paths: string[]): Array<[NamingRule, string]> => checkNames(paths).map((v) => [v.rule, v.path]);

describe('naming rules', () => {
  it('accept a tree whose names agree', () => {
    expect(checkNames(agreeing)).toEqual([]);
  });

  describe('(a) use-case files are named for their folder', () => {
    it('refuse a controller, handler or query named otherwise', () => {
      expect(
        judged([
          ...agreeing,
          'services/shop/src/orders/order-list/list-orders.controller.ts',
          'services/shop/src/orders/change-order/change-order-lines.handler.ts',
          'services/shop/src/report/sales-report.query.ts',
        ]),
      ).toEqual([
        ['use-case-files', 'services/shop/src/orders/order-list/list-orders.controller.ts'],
        ['use-case-files', 'services/shop/src/orders/change-order/change-order-lines.handler.ts'],
        ['use-case-files', 'services/shop/src/report/sales-report.query.ts'],
      ]);
    });

    it('leave the gateway, specs and other files alone', () => {
      expect(
        checkNames([
          'services/gateway/src/orders/order-lines.controller.ts',
          'services/shop/src/orders/place-order/order-lines.handler.spec.ts',
          'services/shop/src/orders/place-order/order-lines.ts',
        ]),
      ).toEqual([]);
    });
  });

  describe('(b) a repository is <feature>/<aggregate>.repository.ts beside domain/', () => {
    it('refuse a repository in a folder of its own, in a use-case or shared folder, or under another name', () => {
      expect(
        judged([
          ...agreeing,
          'services/shop/src/orders/order-repository/order-repository.ts',
          'services/shop/src/orders/order-repository/order-lines.int-spec.ts',
          'services/shop/src/orders/shared/order.repository.ts',
          'services/shop/src/orders/order-repository.ts',
        ]),
      ).toEqual([
        ['repository-place', 'services/shop/src/orders/order-repository'],
        ['repository-place', 'services/shop/src/orders/shared/order.repository.ts'],
        ['repository-place', 'services/shop/src/orders/order-repository.ts'],
      ]);
    });

    it('refuse a repository of a feature without a model layer, and one in a lib', () => {
      expect(judged(['services/shop/src/carts/cart.repository.ts', 'libs/postgres/src/event.repository.ts'])).toEqual([
        ['repository-place', 'services/shop/src/carts/cart.repository.ts'],
        ['repository-place', 'libs/postgres/src/event.repository.ts'],
      ]);
    });
  });

  describe('(c) "domain" names only the model layer', () => {
    it('refuse any other file or folder named for a domain, once per name', () => {
      expect(
        judged([
          ...agreeing,
          'services/shop/src/orders/domain-list/list-domains.controller.ts',
          'services/shop/src/orders/domain-list/domain-list.projection.ts',
          'services/shop/src/orders/shared/invalid-domain.error.ts',
          'services/shop/src/orders/domain/domain-claim.decider.ts',
          'libs/contracts/src/shop/domain-name.ts',
          'services/shop/src/orders/domain.ts',
        ]),
      ).toEqual([
        ['use-case-files', 'services/shop/src/orders/domain-list/list-domains.controller.ts'],
        ['domain-names-the-model', 'services/shop/src/orders/domain-list'],
        ['domain-names-the-model', 'services/shop/src/orders/domain-list/list-domains.controller.ts'],
        ['domain-names-the-model', 'services/shop/src/orders/domain-list/domain-list.projection.ts'],
        ['domain-names-the-model', 'services/shop/src/orders/shared/invalid-domain.error.ts'],
        ['domain-names-the-model', 'services/shop/src/orders/domain/domain-claim.decider.ts'],
        ['domain-names-the-model', 'libs/contracts/src/shop/domain-name.ts'],
        ['domain-names-the-model', 'services/shop/src/orders/domain.ts'],
      ]);
    });
  });

  describe('on a tree on disk', () => {
    let root: string;
    const write = (path: string): void => {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), '');
    };

    beforeEach(() => {
      root = mkdtempSync(join(tmpdir(), 'naming-rules-'));
      agreeing.forEach(write);
      write('services/shop/dist/orders/domain-list/list-domains.controller.js');
      write('node_modules/some-lib/domain-name.ts');
      write('docs/domain-notes.md');
    });
    afterEach(() => rmSync(root, { recursive: true, force: true }));

    it('judge only the sources under services/ and libs/', () => {
      expect(checkTree(root)).toEqual([]);
    });

    it('find a misnamed file', () => {
      write('services/shop/src/orders/place-order/order-placement.handler.ts');
      expect(checkTree(root).map((v) => [v.rule, v.path])).toEqual([
        ['use-case-files', 'services/shop/src/orders/place-order/order-placement.handler.ts'],
      ]);
    });
  });
});
