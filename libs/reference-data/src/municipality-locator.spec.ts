import { MunicipalityLocator } from './municipality-locator';
import { loadMunicipalities, loadPostcodeAreas } from './loaders';

describe('MunicipalityLocator', () => {
  const locator = MunicipalityLocator.fromShippedBoundaries();

  it.each([
    [52.3731, 4.8922, 'GM0363'], // Dam, Amsterdam
    [51.4416, 5.4697, 'GM0772'], // Eindhoven centre
    [53.2194, 6.5665, 'GM0014'], // Groningen Grote Markt
    [50.8514, 5.691, 'GM0935'], // Maastricht Vrijthof
    [52.0705, 4.3007, 'GM0518'], // The Hague, Binnenhof
  ])('puts (%f, %f) in %s', (lat, lon, code) => {
    expect(locator.locate(lat, lon)).toEqual({ municipalityCode: code, distanceM: 0 });
  });

  it.each([
    [52.52, 13.405], // Berlin
    [50.8503, 4.3517], // Brussels
    [52.6, 3.5], // North Sea
    [0, 0],
  ])('finds (%f, %f) outside the Netherlands', (lat, lon) => {
    expect(locator.locate(lat, lon)).toBeNull();
  });

  it('places nearly every postcode centroid in the municipality the postcode file names', () => {
    const pcs = loadPostcodeAreas();
    // The postcode file names the municipality with the largest overlap; a centroid of a
    // postcode area shared between municipalities may lie in the other one.
    const wholly = pcs.filter((p) => p.municipalityOverlap >= 0.99);
    const agree = wholly.filter((p) => locator.locate(p.centroid.lat, p.centroid.lon)?.municipalityCode === p.municipalityCode);
    expect(agree.length / wholly.length).toBeGreaterThan(0.99);
  });

  it('places every municipality label point in its own municipality', () => {
    for (const m of loadMunicipalities()) {
      expect(locator.locate(m.labelPoint.lat, m.labelPoint.lon)?.municipalityCode).toBe(m.code);
    }
  });
});
