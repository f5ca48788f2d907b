// TLS failures talking to a tcp:// engine, told apart from "nothing answers": a wrong CA, a name
// the certificate does not cover or a refused client certificate needs a different fix.

import { EngineError } from './engine-errors';

/** Node's certificate verification codes (from OpenSSL) and its own TLS codes. */
const CERTIFICATE_CODES: Record<string, string> = {
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'the engine certificate is not signed by the trusted CA',
  UNABLE_TO_GET_ISSUER_CERT: 'the engine certificate is not signed by the trusted CA',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'the engine certificate is not signed by the trusted CA',
  SELF_SIGNED_CERT_IN_CHAIN: 'the engine certificate chain ends in a CA that is not the trusted one',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'the engine certificate is self-signed and not trusted',
  CERT_SIGNATURE_FAILURE: 'the engine certificate signature is invalid',
  CERT_HAS_EXPIRED: 'the engine certificate has expired',
  CERT_NOT_YET_VALID: 'the engine certificate is not valid yet',
  ERR_TLS_CERT_ALTNAME_INVALID: 'the engine certificate does not cover this host name',
};

/** An EngineError for a TLS failure, or null when `err` is not one. */
export function classifyTlsError(err: unknown, operation: string): EngineError | null {
  const e = err as { code?: unknown; message?: unknown; statusCode?: unknown; json?: unknown } | null;
  const code = typeof e?.code === 'string' ? e.code : '';
  const message = typeof e?.message === 'string' ? e.message : '';
  const known = CERTIFICATE_CODES[code];
  if (known) {
    return new EngineError(
      'unreachable',
      operation,
      `${operation}: TLS verification failed: ${known} (${message || code}). Check the CA in DOCKER_CERT_PATH or the docker context.`,
    );
  }
  if (code === 'EPROTO' || code.startsWith('ERR_SSL_') || code === 'ERR_TLS_HANDSHAKE_TIMEOUT') {
    const detail = /certificate required|bad certificate|unknown ca|handshake failure/i.test(message)
      ? 'the engine refused the client certificate'
      : /wrong version number|packet length too long|http request/i.test(message)
        ? 'the endpoint does not speak TLS (try without DOCKER_TLS_VERIFY/DOCKER_TLS)'
        : 'the TLS handshake failed';
    return new EngineError('unreachable', operation, `${operation}: TLS error: ${detail} (${message || code}).`);
  }
  const body = typeof e?.json === 'string' ? e.json : Buffer.isBuffer(e?.json) ? e.json.toString('utf8') : message;
  if (e?.statusCode === 400 && /HTTP request to an HTTPS server/i.test(body)) {
    return new EngineError(
      'unreachable',
      operation,
      `${operation}: the engine speaks TLS: set DOCKER_TLS_VERIFY=1 and DOCKER_CERT_PATH (or use a docker context with its TLS files).`,
    );
  }
  return null;
}
