/**
 * Folds text for searching: lower case, accents stripped (NFD, combining marks removed),
 * punctuation turned into single spaces. "Pâtissier", "patissier" and "PATISSIER" fold to
 * the same string; so do "chef-kok" and "chef kok".
 */
export function foldSearchText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}
