/** Batch and transaction Bundles. */
export { processBundle, type BundleContext } from './process-bundle.ts';
