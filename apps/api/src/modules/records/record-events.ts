import { Global, Injectable, Module } from '@nestjs/common';
import { Subject } from 'rxjs';

/** A committed change to records the matching index holds. */
export interface RecordChange {
  kind: 'vacancy' | 'candidate' | 'household';
  ids: string[];
  /** `removed`: deleted or closed, drop from the index; `upserted`: (re)load. */
  op: 'upserted' | 'removed';
}

/**
 * Record changes, published after their transaction commits. The matching index listens
 * here for this process; other processes learn of changes through PostgreSQL
 * LISTEN/NOTIFY (see the matching module).
 */
@Injectable()
export class RecordEvents {
  readonly changes = new Subject<RecordChange>();

  publish(change: RecordChange): void {
    if (change.ids.length > 0) this.changes.next(change);
  }
}

@Global()
@Module({ providers: [RecordEvents], exports: [RecordEvents] })
export class RecordEventsModule {}
