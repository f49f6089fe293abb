import { FeedSyncMessage, FeedSyncRelay, SiblingSync } from './feed-sync';

/** A relay whose sent messages are recorded per worker. */
function relayWithOutbox(timeoutMs = 5000) {
  const sent: [number, FeedSyncMessage][] = [];
  const timedOut: number[][] = [];
  const relay = new FeedSyncRelay((id, m) => sent.push([id, m]), { timeoutMs, onTimeout: (ids) => timedOut.push(ids) });
  return { relay, sent, timedOut };
}

describe('FeedSyncRelay', () => {
  it('has every other ready worker poll, and answers the origin once all have', () => {
    const { relay, sent } = relayWithOutbox();
    [1, 2, 3].forEach((id) => relay.message(id, { kansrijk: 'ready' }));
    relay.message(4, { kansrijk: 'feed-sync', n: 1 }); // not ready yet itself: still answered
    relay.message(2, { kansrijk: 'feed-sync', n: 7 });
    const polls = sent.filter(([, m]) => m.kansrijk === 'feed-poll');
    expect(polls.map(([id]) => id)).toEqual([1, 2, 3, 1, 3]);
    const ref = (polls[3][1] as { ref: number }).ref;
    relay.message(1, { kansrijk: 'feed-polled', ref });
    expect(sent.filter(([id, m]) => id === 2 && m.kansrijk === 'feed-synced')).toEqual([]);
    relay.message(3, { kansrijk: 'feed-polled', ref });
    expect(sent.filter(([id, m]) => id === 2 && m.kansrijk === 'feed-synced')).toEqual([[2, { kansrijk: 'feed-synced', n: 7 }]]);
  });

  it('answers at once when no other worker is ready', () => {
    const { relay, sent } = relayWithOutbox();
    relay.message(1, { kansrijk: 'ready' });
    relay.message(1, { kansrijk: 'feed-sync', n: 3 });
    expect(sent).toEqual([[1, { kansrijk: 'feed-synced', n: 3 }]]);
  });

  it('stops waiting for a worker that exits, and drops the syncs of one that exits', () => {
    const { relay, sent } = relayWithOutbox();
    [1, 2, 3].forEach((id) => relay.message(id, { kansrijk: 'ready' }));
    relay.message(1, { kansrijk: 'feed-sync', n: 1 });
    relay.message(3, { kansrijk: 'feed-sync', n: 2 });
    relay.gone(2);
    relay.gone(3);
    expect(sent.filter(([, m]) => m.kansrijk === 'feed-synced')).toEqual([[1, { kansrijk: 'feed-synced', n: 1 }]]);
  });

  it('answers anyway when a worker does not poll in time, naming it', () => {
    jest.useFakeTimers();
    try {
      const { relay, sent, timedOut } = relayWithOutbox(5000);
      [1, 2].forEach((id) => relay.message(id, { kansrijk: 'ready' }));
      relay.message(1, { kansrijk: 'feed-sync', n: 9 });
      jest.advanceTimersByTime(4999);
      expect(sent.filter(([, m]) => m.kansrijk === 'feed-synced')).toEqual([]);
      jest.advanceTimersByTime(1);
      expect(sent.filter(([, m]) => m.kansrijk === 'feed-synced')).toEqual([[1, { kansrijk: 'feed-synced', n: 9 }]]);
      expect(timedOut).toEqual([[2]]);
    } finally {
      jest.useRealTimers();
    }
  });
});

describe('SiblingSync', () => {
  it('resolves a sync only when the primary says the siblings caught up', async () => {
    const sent: FeedSyncMessage[] = [];
    const s = new SiblingSync((m) => sent.push(m), async () => {});
    let done = false;
    const p = s.sync().then(() => (done = true));
    expect(sent).toEqual([{ kansrijk: 'feed-sync', n: 1 }]);
    await s.message({ kansrijk: 'feed-synced', n: 2 }); // another sync's answer
    await Promise.resolve();
    expect(done).toBe(false);
    await s.message({ kansrijk: 'feed-synced', n: 1 });
    await p;
    expect(done).toBe(true);
  });

  it('answers a poll request only after its poll has finished', async () => {
    const sent: FeedSyncMessage[] = [];
    let finishPoll = () => {};
    const s = new SiblingSync((m) => sent.push(m), () => new Promise<void>((r) => (finishPoll = r)));
    const answered = s.message({ kansrijk: 'feed-poll', ref: 4 });
    await Promise.resolve();
    expect(sent).toEqual([]);
    finishPoll();
    await answered;
    expect(sent).toEqual([{ kansrijk: 'feed-polled', ref: 4 }]);
  });
});
