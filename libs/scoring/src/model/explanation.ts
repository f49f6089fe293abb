/** A sentence a caseworker can read, in Dutch and in English (R18). */
export interface Explanation {
  nl: string;
  en: string;
}
