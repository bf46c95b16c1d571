// What the test evaluates in the EdgeVM: both route modules, as Next.js bundles them for Edge.
import * as signups from '../app/api/signups/route';
import * as webhook from '../app/api/webhooks/flare/route';

(globalThis as { routes?: unknown }).routes = { signups, webhook };
