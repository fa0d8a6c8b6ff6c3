/** Where the web app's sources, Vite configuration and build live in the repository. */
import { fileURLToPath } from 'node:url';

const root = (relative: string) => fileURLToPath(new URL(`../../${relative}`, import.meta.url));

export const WEB_DIR = root('web');
export const WEB_SRC = root('web/src');
export const WEB_DIST = root('web/dist');
export const VITE_CONFIG = root('vite.config.ts');
/** Files besides web/src whose change calls for a new build. */
export const WEB_BUILD_INPUTS = [root('web/index.html'), root('web/public'), VITE_CONFIG];
