/** @module config-reader */
export const x = 1;
