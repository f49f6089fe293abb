import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { AtLeastField, isWholeCents, IsWholeCents } from './decorators';

class Wage {
  @IsWholeCents()
  wage: unknown;
}

class Hours {
  minHours?: number;
  @AtLeastField('minHours')
  maxHours?: number;
}

const rules = (cls: new () => object, plain: object) => validateSync(plainToInstance(cls, plain)).flatMap((e) => Object.keys(e.constraints ?? {}));

describe('IsWholeCents', () => {
  it.each([0, 1, 2400, 12.5, 0.29, 0.01, 99999.99, 100000, -3.1])('accepts %p', (v) => {
    expect(isWholeCents(v)).toBe(true);
    expect(rules(Wage, { wage: v })).toEqual([]);
  });

  // 1e-7 and 1.5e-7 print in exponent notation, where class-validator's maxDecimalPlaces throws.
  it.each([1e-7, 1.5e-7, 5e-324, 0.001, 0.005, 12.345, NaN, Infinity, '12', null])('refuses %p with the rule wholeCents, without throwing', (v) => {
    expect(isWholeCents(v)).toBe(false);
    expect(rules(Wage, { wage: v })).toEqual(['wholeCents']);
  });
});

describe('AtLeastField', () => {
  it('refuses maxHours below minHours as atLeastMinHours, and passes equal, above or either absent', () => {
    expect(rules(Hours, { minHours: 8, maxHours: 7 })).toEqual(['atLeastMinHours']);
    expect(validateSync(plainToInstance(Hours, { minHours: 8, maxHours: 7 }))[0].constraints).toEqual({ atLeastMinHours: 'maxHours must be at least minHours (8)' });
    for (const ok of [{ minHours: 8, maxHours: 8 }, { minHours: 8, maxHours: 9 }, { maxHours: 1 }, { minHours: 8 }]) expect(rules(Hours, ok)).toEqual([]);
  });
});
