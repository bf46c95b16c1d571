/** Where requests to one origin go, worked out once per origin so no call re-parses the base URL. */
export interface Origin {
  /** `scheme://host[:port]` exactly as it starts the request URLs. */
  origin: string;
  https: boolean;
  hostname: string;
  port: string;
  /** The `Host` header: the host, with the port unless it is the default. */
  host: string;
}

const origins = new Map<string, Origin>();
/** The origin of the previous call: a client talks to one, so this is nearly always a hit. */
let last: Origin | undefined;

export function originOf(url: string): Origin {
  if (
    last !== undefined &&
    url.startsWith(last.origin) &&
    url.charCodeAt(last.origin.length) === 47 /* "/" */
  ) {
    return last;
  }
  // The path starts at the first "/" after the scheme's "//" (the base URL is a normalised href).
  const slash = url.indexOf('/', url.indexOf('//') + 2);
  const origin = slash < 0 ? url : url.slice(0, slash);
  let found = origins.get(origin);
  if (found === undefined) {
    const { protocol, hostname, port, host } = new URL(origin);
    found = {
      origin,
      https: protocol === 'https:',
      // `http.request` wants an IPv6 literal without its brackets.
      hostname: hostname.startsWith('[') ? hostname.slice(1, -1) : hostname,
      port,
      host,
    };
    // The bound only matters for code that talks to many origins.
    if (origins.size > 31) origins.clear();
    origins.set(origin, found);
  }
  last = found;
  return found;
}
