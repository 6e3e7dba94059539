import { Stages, type Stage } from '@yishi/procedure';
import type { Db } from './db.js';
import { readEnum } from './stored.js';

export type ForwardDirection = 'up' | 'down';

/** One hop as stored, with the names of the organisations at both ends. */
export interface ForwardRow {
  id: string;
  fromTopicId: string;
  toTopicId: string;
  fromOrg: { id: string; name: string };
  toOrg: { id: string; name: string };
  direction: ForwardDirection;
  forwardedBy: string;
  forwardedAt: string;
  note: string;
}

/** How many hops a provenance is followed back, at most: a dossier does not travel further in a real tree. */
const MAX_HOPS = 20;

const readDirection = (value: string, id: string): ForwardDirection =>
  readEnum(['up', 'down'] as const, value, `direction of forward ${id}`);

/** Forwarded dossiers (上报 / 交办): the hops between a topic and the dossier it became. */
export class ForwardsRepository {
  constructor(private readonly db: Db) {}

  async insert(row: Omit<ForwardRow, 'fromOrg' | 'toOrg'> & { fromOrgId: string; toOrgId: string }): Promise<void> {
    const { id, fromTopicId, toTopicId, fromOrgId, toOrgId, direction, forwardedBy, forwardedAt, note } = row;
    await this.db
      .insertInto('topicForwards')
      .values({ id, fromTopicId, toTopicId, fromOrgId, toOrgId, direction, forwardedBy, forwardedAt, note })
      .execute();
  }

  /** Every hop that brought a dossier to `topicId`, the first first; empty for a topic proposed where it is. */
  async provenance(topicId: string): Promise<ForwardRow[]> {
    const hops: ForwardRow[] = [];
    let current = topicId;
    for (let i = 0; i < MAX_HOPS; i++) {
      const hop = await this.rows().where('topicForwards.toTopicId', '=', current).executeTakeFirst();
      if (!hop) break;
      hops.unshift(toRow(hop));
      current = hop.fromTopicId;
    }
    return hops;
  }

  /** Where `topicId` was forwarded, the first first, each with the dossier's title and stage there now. */
  async sentFrom(topicId: string): Promise<(ForwardRow & { title: string; stage: Stage })[]> {
    const rows = await this.rows()
      .innerJoin('topics as to', 'to.id', 'topicForwards.toTopicId')
      .select(['to.title as title', 'to.stage as stage'])
      .where('topicForwards.fromTopicId', '=', topicId)
      .orderBy('topicForwards.forwardedAt')
      .orderBy('topicForwards.id')
      .execute();
    return rows.map((row) => ({
      ...toRow(row),
      title: row.title,
      stage: readEnum(Stages, row.stage, `stage of topic ${row.toTopicId}`),
    }));
  }

  private rows() {
    return this.db
      .selectFrom('topicForwards')
      .innerJoin('orgs as fromOrg', 'fromOrg.id', 'topicForwards.fromOrgId')
      .innerJoin('orgs as toOrg', 'toOrg.id', 'topicForwards.toOrgId')
      .select([
        'topicForwards.id',
        'topicForwards.fromTopicId',
        'topicForwards.toTopicId',
        'topicForwards.fromOrgId',
        'fromOrg.name as fromOrgName',
        'topicForwards.toOrgId',
        'toOrg.name as toOrgName',
        'topicForwards.direction',
        'topicForwards.forwardedBy',
        'topicForwards.forwardedAt',
        'topicForwards.note',
      ]);
  }
}

function toRow(r: {
  id: string;
  fromTopicId: string;
  toTopicId: string;
  fromOrgId: string;
  fromOrgName: string;
  toOrgId: string;
  toOrgName: string;
  direction: string;
  forwardedBy: string;
  forwardedAt: string;
  note: string;
}): ForwardRow {
  return {
    id: r.id,
    fromTopicId: r.fromTopicId,
    toTopicId: r.toTopicId,
    fromOrg: { id: r.fromOrgId, name: r.fromOrgName },
    toOrg: { id: r.toOrgId, name: r.toOrgName },
    direction: readDirection(r.direction, r.id),
    forwardedBy: r.forwardedBy,
    forwardedAt: r.forwardedAt,
    note: r.note,
  };
}
