/**
 * A BCP 47 language tag as the desk stores it: a primary language and at most one subtag
 * (`en`, `es`, `pt-BR`). Pure, without the detector: shared by the settings, the import
 * and correction inputs and the queue's filter.
 */
export const LANGUAGE_TAG = /^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})?$/;
