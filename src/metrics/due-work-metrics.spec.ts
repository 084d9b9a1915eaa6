import { describe, expect, it } from '@jest/globals';
import { DueWorkRepository } from '../database/due-work/due-work.repository.js';
import { DueWorkMetrics } from './due-work-metrics.js';
import { MetricsService } from './metrics.service.js';

type Backlog = Awaited<ReturnType<DueWorkRepository['backlog']>>;

/** A due_work table the test rewrites between scrapes, counting how often it is read. */
function tableOf(initial: Backlog) {
  const table = { rows: initial, reads: 0 };
  const repository = {
    backlog: async () => {
      table.reads += 1;
      return table.rows;
    },
  } as unknown as DueWorkRepository;
  return { table, repository };
}

const series = (text: string, name: string) =>
  text
    .split('\n')
    .find((line) => line.startsWith(`${name} `))
    ?.split(' ')[1];

describe('DueWorkMetrics', () => {
  it('reads the table once per scrape, and a scrape right after another sees what changed in between', async () => {
    const { table, repository } = tableOf([]);
    const metrics = new MetricsService();
    new DueWorkMetrics(metrics, repository).onModuleInit();

    const first = (await metrics.exposition()).body;
    expect(series(first, 'citymove_due_work_items{kind="hail.decision-timeout",state="pending"}')).toBeUndefined();
    expect(table.reads).toBe(1);

    table.rows = [{ kind: 'hail.decision-timeout', total: 1, due: 0, leased: 0, oldestDueAt: null }];
    const second = (await metrics.exposition()).body;
    expect(series(second, 'citymove_due_work_items{kind="hail.decision-timeout",state="pending"}')).toBe('1');
    expect(series(second, 'citymove_due_work_oldest_due_seconds{kind="hail.decision-timeout"}')).toBe('0');
    expect(table.reads).toBe(2);
  });
});
