import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { StoredPlacePrice } from './place-price-set.entity';

/** The newest prices of a period as dynamic suggestions use them. */
export interface CurrentPlacePrices {
  id: string;
  period: string;
  version: number;
  /** `2026-H2#3`: what an answer names. */
  priceVersion: string;
  computedAt: Date;
  byCode: ReadonlyMap<string, StoredPlacePrice>;
  /** The highest price of the set (stands in for a municipality that had no room when computed). */
  highest: number;
}

export const priceVersionLabel = (period: string, version: number) => `${period}#${version}`;

/**
 * Reads the newest price set of a period. A set never changes once stored, so its prices are kept
 * by id and each read costs one small statement (which version is newest), not the 342 prices.
 */
@Injectable()
export class PlacePricesStore {
  private readonly cache = new Map<string, CurrentPlacePrices>();

  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async current(period: string): Promise<CurrentPlacePrices | null> {
    const [head]: { id: string; version: number; computed_at: Date }[] = await this.ds.query(
      'SELECT id, version, computed_at FROM place_price_set WHERE period = $1 ORDER BY version DESC LIMIT 1',
      [period],
    );
    if (!head) return null;
    const hit = this.cache.get(head.id);
    if (hit) return hit;
    const [{ prices }]: { prices: StoredPlacePrice[] }[] = await this.ds.query('SELECT prices FROM place_price_set WHERE id = $1', [head.id]);
    const set: CurrentPlacePrices = {
      id: head.id,
      period,
      version: head.version,
      priceVersion: priceVersionLabel(period, head.version),
      computedAt: head.computed_at,
      byCode: new Map(prices.map((p) => [p.code, p])),
      highest: prices.reduce((m, p) => Math.max(m, p.price ?? 0), 0),
    };
    // A handful of periods at most are asked for; older sets are dropped.
    if (this.cache.size >= 8) this.cache.clear();
    this.cache.set(head.id, set);
    return set;
  }
}
