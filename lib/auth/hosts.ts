// Which accounts servers and API domains we trust. Both arrive over the network (the redirect's
// `accounts-server`, the token response's `api_domain`); a forged one would receive the code or
// the token, so anything not on the allow-list is refused.
import {
  DATA_CENTRES,
  dataCentreOfAccountsServer,
  dataCentreOfApiDomain,
  isDataCentreId,
  toOrigin,
  type DataCentreId,
} from '../zoho/dataCentres';

export interface HostPolicy {
  /** Where authorization starts (China has its own). */
  authorizeOrigin(dataCentre?: DataCentreId): string;
  /** The accounts server from a redirect, checked; null when it is not trusted. */
  accountsServer(value: string | null, location: string | null): { origin: string; dataCentre: DataCentreId } | null;
  /** The API domain from a token response, checked against the accounts server's DC. */
  apiDomain(value: string, dataCentre: DataCentreId): string | null;
  /** True when this build talks to the local sandbox rather than Zoho. */
  readonly sandbox: boolean;
}

export function createHostPolicy(options: { sandboxOrigin?: string | null } = {}): HostPolicy {
  const sandboxOrigin = options.sandboxOrigin ? toOrigin(options.sandboxOrigin) : null;

  return {
    sandbox: sandboxOrigin !== null,

    authorizeOrigin(dataCentre) {
      if (sandboxOrigin) return sandboxOrigin;
      return dataCentre === 'cn' ? DATA_CENTRES.cn.accounts : DATA_CENTRES.us.accounts;
    },

    accountsServer(value, location) {
      if (!value) return null;
      const origin = toOrigin(value);
      if (!origin) return null;
      if (sandboxOrigin && origin === sandboxOrigin) {
        // The sandbox can pose as any DC: its `location` names which.
        return isDataCentreId(location) ? { origin, dataCentre: location } : { origin, dataCentre: 'us' };
      }
      const dc = dataCentreOfAccountsServer(origin);
      if (!dc) return null;
      // `location` and `accounts-server` must agree; a mismatch means one of them was tampered with.
      if (location && location !== dc.id) return null;
      return { origin: dc.accounts, dataCentre: dc.id };
    },

    apiDomain(value, dataCentre) {
      const origin = toOrigin(value);
      if (!origin) return null;
      if (sandboxOrigin && origin === sandboxOrigin) return origin;
      const dc = dataCentreOfApiDomain(origin);
      return dc && dc.id === dataCentre ? dc.api : null;
    },
  };
}
