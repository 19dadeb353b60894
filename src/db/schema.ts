import type { AuthTables } from './tables/auth.js';
import type { EnterpriseTables } from './tables/enterprises.js';
import type { PolicyTables } from './tables/policies.js';
import type { PolicyMatchStateTables } from './tables/policies-match.js';
import type { InboxTables } from './tables/inbox.js';
import type { PlanTables } from './tables/plan.js';
import type { UnitTables } from './tables/units.js';
import type { LedgerTables } from './tables/ledger.js';
import type { IndicatorTables } from './tables/indicators.js';
import type { IndicatorAggregateTables } from './tables/indicators-aggregate.js';
import type { JobTables } from './tables/jobs.js';
import type { RequestCatalogueTables, RequestCommunicationTables, RequestTables, RequestTimeTables } from './tables/requests.js';
import type { InspectionTables } from './tables/inspections.js';
import type { InspectionCreditTables } from './tables/inspections-credit.js';
import type { InspectionPlanTables } from './tables/inspections-plan.js';
import type { HelpdeskTables } from './tables/helpdesk.js';
import type { HelpdeskLogTables } from './tables/helpdesk-log.js';
import type { HelpdeskLiveChatTables } from './tables/helpdesk-live-chat.js';
import type { InspectionResultTables } from './tables/inspections-results.js';
import type { FinanceTables } from './tables/finance.js';
import type { FinanceApplicationTables } from './tables/finance-applications.js';
import type { ServerTables } from './tables/server.js';

/**
 * The whole database as Kysely sees it: one interface of tables per capability, each in
 * src/db/tables/<capability>.ts next to the migration that creates them.
 */
export interface Database
  extends UnitTables,
    PlanTables,
    AuthTables,
    InboxTables,
    EnterpriseTables,
    PolicyTables,
    PolicyMatchStateTables,
    LedgerTables,
    IndicatorTables,
    IndicatorAggregateTables,
    JobTables,
    RequestTables,
    RequestCatalogueTables,
    RequestCommunicationTables,
    RequestTimeTables,
    InspectionTables,
    InspectionCreditTables,
    InspectionPlanTables,
    InspectionResultTables,
    HelpdeskTables,
    HelpdeskLogTables,
    HelpdeskLiveChatTables,
    FinanceTables,
    FinanceApplicationTables,
    ServerTables {}
