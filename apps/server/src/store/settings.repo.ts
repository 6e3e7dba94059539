import type { Db } from './db.js';

/** The installation's own settings, by key: the one-time code that lets the first administrator be made. */
export type SettingKey = 'setup_code';

export class SettingsRepository {
  constructor(private readonly db: Db) {}

  async get(key: SettingKey): Promise<string | undefined> {
    const row = await this.db.selectFrom('serverSettings').select('value').where('key', '=', key).executeTakeFirst();
    return row?.value;
  }

  /** Stores `value` unless the key already has one; returns the value the key holds afterwards. */
  async putIfAbsent(key: SettingKey, value: string, now: string): Promise<string> {
    await this.db
      .insertInto('serverSettings')
      .values({ key, value, updatedAt: now })
      .onConflict((oc) => oc.column('key').doNothing())
      .execute();
    return (await this.get(key)) ?? value;
  }

  async delete(key: SettingKey): Promise<void> {
    await this.db.deleteFrom('serverSettings').where('key', '=', key).execute();
  }
}
