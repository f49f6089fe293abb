/** The attribution every copy of the service must show (README, NOTICE and the `about` query). */
export const DATA_ATTRIBUTION =
  'Bron: CBS, PDOK (CC BY 4.0); GeoNames (CC BY 4.0). This service uses the ESCO classification of the European Commission.';
