// Sync status and the outbox as the popup sees and steers them.
import { StagecoachError } from '../errors';
import type { Handlers } from '../messaging/define';
import type { StagecoachDb } from '../storage/db';
import { toOutboxItem, type Outbox } from './outbox';
import { recordLink } from './recordLink';
import type { syncRequests } from './requests';
import { dailyCreditLimit, syncSummary } from './status';

export function createSync(deps: { db: StagecoachDb; outbox: Outbox; now(): number }) {
  const { db, outbox } = deps;
  const handlers: Handlers<typeof syncRequests> = {
    async syncStatus() {
      const connection = await db.connection.get('current');
      const limit = dailyCreditLimit(connection?.org.edition, connection?.org.users);
      const [summary, items] = await Promise.all([syncSummary(db, deps.now(), limit), outbox.list()]);
      // A refused write links to the record it was about, where it can be fixed.
      return { ...summary, outbox: items.map((row) => ({ ...toOutboxItem(row), ...(row.status === 'failed' ? { recordUrl: recordLink(row, connection) } : {}) })) };
    },
    async outboxRetry({ key }) {
      const row = await outbox.retry(key);
      if (!row) throw new StagecoachError('not_found');
      return toOutboxItem(row);
    },
    async outboxDiscard({ key }) {
      await outbox.discard(key);
      return { discarded: true };
    },
  };
  return { handlers };
}
