import type { Db, Dialect, StoreKind } from './db.js';
import { AuditRepository } from './audit.repo.js';
import { CasesRepository } from './cases.repo.js';
import { DepartmentsRepository } from './departments.repo.js';
import { DutyRepository } from './duty.repo.js';
import { MinutesRepository } from './minutes.repo.js';
import { NotificationsRepository } from './notifications.repo.js';
import { EmailRepository } from './email.repo.js';
import { MembershipsRepository, OrgsRepository, OrgTreeRepository } from './orgs.repo.js';
import { PollsRepository } from './polls.repo.js';
import { ForwardsRepository } from './forwards.repo.js';
import { OpinionsRepository } from './opinions.repo.js';
import { ProposalsRepository } from './proposals.repo.js';
import { QueuesRepository } from './queues.repo.js';
import { ReportsRepository } from './reports.repo.js';
import { SessionsRepository } from './sessions.repo.js';
import { SettingsRepository } from './settings.repo.js';
import { MeetingsRepository } from './meetings.repo.js';
import { TopicsRepository } from './topics.repo.js';
import { UsersRepository } from './users.repo.js';
import { YjsDocsRepository } from './yjs-docs.repo.js';

/** Every repository, over one query builder: the store's root, or one transaction's. */
export interface Repositories {
  users: UsersRepository;
  sessions: SessionsRepository;
  orgs: OrgsRepository;
  memberships: MembershipsRepository;
  departments: DepartmentsRepository;
  proposals: ProposalsRepository;
  opinions: OpinionsRepository;
  forwards: ForwardsRepository;
  duty: DutyRepository;
  tree: OrgTreeRepository;
  topics: TopicsRepository;
  meetings: MeetingsRepository;
  queues: QueuesRepository;
  polls: PollsRepository;
  docs: YjsDocsRepository;
  cases: CasesRepository;
  notifications: NotificationsRepository;
  email: EmailRepository;
  minutes: MinutesRepository;
  reports: ReportsRepository;
  settings: SettingsRepository;
  audit: AuditRepository;
}

/**
 * The store: repositories that hold every query, and units of work. Services see only this; the
 * query builder stays inside `store/`, where whatever differs between SQLite and PostgreSQL lives.
 */
export interface Store extends Repositories {
  readonly kind: StoreKind;
  /**
   * Runs `work` in one transaction with repositories bound to it: everything it writes is committed
   * together, or nothing when it throws. Do not call the root repositories inside it.
   */
  transaction<T>(work: (tx: Repositories) => Promise<T>): Promise<T>;
  /** Runs `select 1`; throws when the store does not answer. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

function repositories(db: Db, dialect: Dialect): Repositories {
  return {
    users: new UsersRepository(db, dialect),
    sessions: new SessionsRepository(db),
    orgs: new OrgsRepository(db),
    memberships: new MembershipsRepository(db, dialect),
    departments: new DepartmentsRepository(db),
    proposals: new ProposalsRepository(db, dialect),
    opinions: new OpinionsRepository(db, dialect),
    forwards: new ForwardsRepository(db),
    duty: new DutyRepository(db),
    tree: new OrgTreeRepository(db),
    topics: new TopicsRepository(db, dialect),
    meetings: new MeetingsRepository(db, dialect),
    queues: new QueuesRepository(db, dialect),
    polls: new PollsRepository(db, dialect),
    docs: new YjsDocsRepository(db, dialect),
    cases: new CasesRepository(db, dialect),
    notifications: new NotificationsRepository(db),
    email: new EmailRepository(db, dialect),
    minutes: new MinutesRepository(db, dialect),
    reports: new ReportsRepository(db),
    settings: new SettingsRepository(db),
    audit: new AuditRepository(db, dialect),
  };
}

/** A store over an open, migrated database. */
export function storeOver(db: Db, kind: StoreKind): Store {
  const dialect: Dialect = { kind };
  return {
    ...repositories(db, dialect),
    kind,
    transaction: (work) => db.transaction().execute((trx) => work(repositories(trx, dialect))),
    async ping() {
      await db.selectNoFrom((eb) => eb.val(1).as('one')).execute();
    },
    close: () => db.destroy(),
  };
}
