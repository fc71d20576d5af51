import { activityScenarios } from './activity.scenarios';
import { approvalSettingsScenarios } from './approval-settings.scenarios';
import { budgetsScenarios } from './budgets.scenarios';
import { approvalsScenarios } from './approvals.scenarios';
import { portalBasicsScenarios } from './portal-basics.scenarios';
import { PortalWorld } from './portal-world';
import { resellerConsoleScenarios } from './reseller-console.scenarios';
import { seedWalkthroughScenarios } from './seed-walkthrough.scenarios';
import { storeScenarios } from './store.scenarios';
import { usersImportScenarios } from './users-import.scenarios';
import { usersScenarios } from './users.scenarios';
import { webhooksScenarios } from './webhooks.scenarios';

jest.setTimeout(300_000);

/**
 * Every browser test of the portal, in Debian's Chromium, against one platform started as `npm start` starts it:
 * the guide walked end to end first, then each area's scenarios. Each scenario makes its own reseller and
 * organizations; axe-core checks every screen, and each result is confirmed through the API.
 */
describe('web portal (browser, end to end)', () => {
  const world = new PortalWorld();

  beforeAll(() => world.start(), 180_000);
  afterAll(() => world.stop(), 60_000);

  seedWalkthroughScenarios(world);
  portalBasicsScenarios(world);
  resellerConsoleScenarios(world);
  usersScenarios(world);
  usersImportScenarios(world);
  storeScenarios(world);
  approvalsScenarios(world);
  approvalSettingsScenarios(world);
  budgetsScenarios(world);
  activityScenarios(world);
  webhooksScenarios(world);
});
