/**
 * The issuer URL of Kerne's own identity provider: config.issuer, or derived from the request
 * (`${protocol}://${host}`) when absent. Production should set config.issuer (KERNE_ISSUER), so that
 * a forged Host header cannot change it.
 * @see https://openid.net/specs/openid-connect-discovery-1_0.html#IssuerDiscovery
 */
import type { FastifyRequest } from 'fastify';
import type { KerneConfig } from '../config/index.ts';

/** The issuer of fastify.inject requests without a Host header (Kerne's tests). */
export const INJECT_ISSUER = 'http://localhost:80';

const HOST = /^([A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(:\d{1,5})?$/;

export function issuerOf(req: FastifyRequest, config: Pick<KerneConfig, 'issuer'>): string {
  if (config.issuer) return config.issuer.replace(/\/+$/, '');
  const host = req.headers.host;
  return `${req.protocol}://${host && HOST.test(host) ? host : 'localhost'}`;
}

/** The issuer for tokens minted outside a request (issueAccessToken). */
export function defaultIssuer(config: Pick<KerneConfig, 'issuer'>): string {
  return config.issuer ? config.issuer.replace(/\/+$/, '') : INJECT_ISSUER;
}
