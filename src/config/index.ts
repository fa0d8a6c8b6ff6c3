/** Configuration schema and loader. */
export { ConfigSchema, loadConfig, type KerneConfig } from './config.ts';
