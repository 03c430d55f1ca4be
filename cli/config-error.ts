/** A missing or malformed setting: start-up stops with one line naming the variable or file. */
export class ConfigError extends Error {}
