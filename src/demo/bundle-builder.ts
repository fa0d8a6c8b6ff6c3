/** Collects the demo's transaction entries: every one a POST with a urn:uuid fullUrl drawn from the seeded generator. */
import type { BundleEntry, Resource } from '@medplum/fhirtypes';
import type { Random } from './random.ts';

export class BundleBuilder {
  readonly entries: BundleEntry[] = [];
  constructor(private readonly rnd: Random) {}

  /** A new urn:uuid, for a resource that others refer to before it is added (see addAt). */
  reserve(): string {
    return `urn:uuid:${this.rnd.uuid()}`;
  }

  /** Adds a resource (a conditional create when ifNoneExist is given); returns its fullUrl. */
  add(resource: Resource, ifNoneExist?: string): string {
    return this.addAt(this.reserve(), resource, ifNoneExist);
  }

  addAt(fullUrl: string, resource: Resource, ifNoneExist?: string): string {
    this.entries.push({ fullUrl, resource, request: { method: 'POST', url: resource.resourceType, ...(ifNoneExist ? { ifNoneExist } : {}) } });
    return fullUrl;
  }
}
