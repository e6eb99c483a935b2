import { describe, expect, it } from 'vitest';
import { OrderedDelivery, type Backlog } from './ordered-delivery.js';

function deferred(): { promise: Promise<string>; resolve: (value: string) => void } {
  let resolve!: (value: string) => void;
  const promise = new Promise<string>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}

function delivery(backlog: Omit<Backlog, 'onFull'>): {
  queue: OrderedDelivery;
  delivered: string[];
  signals: boolean[];
} {
  const delivered: string[] = [];
  const signals: boolean[] = [];
  const queue = new OrderedDelivery({
    now: () => 0,
    limitMs: () => 60_000,
    onSkipped: () => undefined,
    backlog: {
      ...backlog,
      onFull(full) {
        signals.push(full);
      },
    },
  });
  return { queue, delivered, signals };
}

describe('OrderedDelivery', () => {
  it('delivers in the order enqueued, whatever order the controls finish in', async () => {
    const { queue, delivered } = delivery({ high: 10, low: 1, highBytes: 1e9, lowBytes: 1e9 });
    const first = deferred();
    const second = deferred();
    queue.enqueue(first.promise, (value) => delivered.push(value));
    queue.enqueue(second.promise, (value) => delivered.push(value));
    second.resolve('second');
    await second.promise;
    expect(delivered).toEqual([]);
    first.resolve('first');
    await first.promise;
    await Promise.resolve();
    expect(delivered).toEqual(['first', 'second']);
    queue.close();
  });

  it('says the backlog is full at `high` messages and empty again at `low`', async () => {
    const { queue, signals, delivered } = delivery({
      high: 4,
      low: 1,
      highBytes: 1e9,
      lowBytes: 1e9,
    });
    const stuck = deferred();
    queue.enqueue(stuck.promise, (value) => delivered.push(value));
    for (let index = 0; index < 2; index++) queue.enqueue(Promise.resolve('x'), () => undefined);
    expect(signals).toEqual([]);
    queue.enqueue(Promise.resolve('x'), () => undefined);
    expect(signals).toEqual([true]);
    stuck.resolve('head');
    await stuck.promise;
    await Promise.resolve();
    expect(delivered).toEqual(['head']);
    expect(queue.waiting).toBe(0);
    expect(signals).toEqual([true, false]);
    queue.close();
  });

  it('counts bytes too: one huge message fills the backlog', async () => {
    const { queue, signals } = delivery({ high: 1000, low: 10, highBytes: 1000, lowBytes: 100 });
    const stuck = deferred();
    queue.enqueue(stuck.promise, () => undefined, 10);
    queue.enqueue(Promise.resolve('big'), () => undefined, 2000);
    expect(signals).toEqual([true]);
    stuck.resolve('head');
    await stuck.promise;
    await Promise.resolve();
    expect(signals).toEqual([true, false]);
    queue.close();
  });
});
