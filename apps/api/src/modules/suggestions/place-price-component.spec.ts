import { placePriceComponent } from './place-price-component';

const stored = (price: number | null, tieHolders = 0) => ({ code: 'GM0344', price, capacityLeft: 10, plannedPersons: 10, plannedHouseholds: 4, tieHolders });

describe('the price of places as a component (R11, R18)', () => {
  it('under HOUSEHOLD weighting (weight 1) takes price × persons off the score, and says why in Dutch and English with the municipality name', () => {
    const c = placePriceComponent({ municipalityName: 'Utrecht', persons: 2, weight: 1, stored: stored(0.02, 3), highest: 0.1 });
    expect(c).toMatchObject({ name: 'placePrice', value: 0.02, weight: -2 });
    expect(c.contribution).toBeCloseTo(-0.04, 12);
    expect(c.contribution).toBeCloseTo(c.value * c.weight, 12);
    expect(c.reason.nl).toBe('Plaatsen in Utrecht zijn de rest van het halfjaar naar verwachting nodig voor huishoudens met harde binding daar: \u22120,04');
    expect(c.reason.en).toBe('Places in Utrecht are expected to be needed for the rest of the half-year by households with a hard tie there: \u22120.04');
  });

  it('says when places are not scarce (no minus sign on zero) and when others fit better', () => {
    expect(placePriceComponent({ municipalityName: 'Eindhoven', persons: 3, weight: 1, stored: stored(0), highest: 0.1 }).reason.nl).toBe(
      'Plaatsen in Eindhoven zijn de rest van het halfjaar naar verwachting niet schaars: 0,00',
    );
    expect(placePriceComponent({ municipalityName: 'Eindhoven', persons: 1, weight: 1, stored: stored(0.001), highest: 0.1 }).reason.en).toBe(
      'Places in Eindhoven are expected to be needed for the rest of the half-year by households that fit there better: \u22120.001',
    );
  });

  it('under PERSON weighting a household pays the price once, whatever its size (the priced plan counts score × persons)', () => {
    // Reduced value of a household of p in the plan: p × score − p × price = p × (score − price).
    for (const persons of [1, 2, 6]) {
      const c = placePriceComponent({ municipalityName: 'Utrecht', persons, weight: persons, stored: stored(0.02, 3), highest: 0.1 });
      expect(c.contribution).toBeCloseTo(-0.02, 12);
      expect(c.contribution).toBeCloseTo(c.value * c.weight, 12);
    }
    // WAITING: persons × (1 + days / doubling); a household that waited longer pays less of it.
    const waited = placePriceComponent({ municipalityName: 'Utrecht', persons: 2, weight: 2 * (1 + 365 / 365), stored: stored(0.02, 3), highest: 0.1 });
    expect(waited.contribution).toBeCloseTo(-0.01, 12);
  });

  it('charges the highest price where no room was left when computed', () => {
    const c = placePriceComponent({ municipalityName: 'Almere', persons: 2, weight: 1, stored: stored(null), highest: 0.1 });
    expect(c.contribution).toBeCloseTo(-0.2, 12);
    expect(c.reason.nl).toMatch(/^Plaatsen in Almere waren bij de laatste berekening al op/);
  });
});
