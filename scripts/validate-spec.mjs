// Validates spec/openapi.yaml: OpenAPI 3.1 structure (@readme/openapi-parser), every JSON Schema in
// it (Ajv, strict) with its examples, and rules of the wire contract a parser cannot know. Negative
// controls prove that broken copies are rejected, so the check can never pass vacuously.
import { readFileSync } from 'node:fs';
import { compileErrors, validate } from '@readme/openapi-parser';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';

const SPEC = 'spec/openapi.yaml';
const OPERATION_IDS = (
  'createJob createJobs getJob listJobs cancelJob retryJob claimJobs heartbeatJob completeJob failJob ' +
  'releaseJob completeJobs failJobs ' +
  'createSchedule getSchedule listSchedules updateSchedule deleteSchedule pauseSchedule resumeSchedule'
).split(' ');
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];
const ERROR_STATUSES = ['400', '401', '402', '403', '408', '422', '429', '5XX'];
const HEADERS = ['X-Request-Id', 'X-RateLimit-Limit', 'X-RateLimit-Remaining', 'X-RateLimit-Reset'];
const BASE = 'https://spec.flare.invalid/';

function fail(message) {
  console.error(`${SPEC}: ${message}`);
  process.exit(1);
}

/** Follows local `$ref`s; `undefined` when one points nowhere. */
function deref(doc, node) {
  let current = node;
  for (let hops = 0; current?.$ref && hops < 20; hops++) {
    const keys = current.$ref.replace(/^#\//, '').split('/');
    current = keys.reduce((n, k) => n?.[k.replaceAll('~1', '/').replaceAll('~0', '~')], doc);
  }
  return current;
}

/** Every `schema` object under `node`: [where, schema, examples of it]. */
function inlineSchemas(node, path, out = []) {
  for (const [key, value] of Object.entries(node ?? {})) {
    if (!value || typeof value !== 'object') continue;
    if (key === 'schema') out.push([path, value, 'example' in node ? [node.example] : []]);
    else inlineSchemas(value, `${path}.${key}`, out);
  }
  return out;
}

/** Compiles every schema with Ajv (JSON Schema 2020-12, strict) and checks its examples. */
function schemaProblems(doc) {
  const problems = [];
  const ajv = new Ajv2020({ strict: true, allowUnionTypes: true, allErrors: true });
  addFormats(ajv);
  ajv.addVocabulary(['example', 'discriminator', 'xml', 'externalDocs']);
  const rebase = (schema) =>
    JSON.parse(JSON.stringify(schema).replaceAll('"#/components/schemas/', `"${BASE}`));
  const check = (where, compile, examples) => {
    try {
      const run = compile();
      for (const example of examples ?? []) {
        if (!run(example)) throw new Error(`example invalid: ${ajv.errorsText(run.errors)}`);
      }
    } catch (error) {
      problems.push(`${where}: ${error.message}`);
    }
  };
  const named = Object.entries(doc.components?.schemas ?? {});
  check('$.components.schemas', () => {
    for (const [name, schema] of named) ajv.addSchema({ ...rebase(schema), $id: BASE + name });
  });
  if (problems.length) return problems;
  for (const [name, schema] of named) {
    check(`$.components.schemas.${name}`, () => ajv.getSchema(BASE + name), schema.examples);
  }
  const rest = { ...doc, components: { ...doc.components, schemas: {} } };
  for (const [where, schema, examples] of inlineSchemas(rest, '$')) {
    check(where, () => ajv.compile(rebase(schema)), examples);
  }
  return problems;
}

/** Contract rules: the operation ids, error responses, headers on every response, closed bodies. */
function contractProblems(doc) {
  const problems = [];
  const need = (ok, message) => ok || problems.push(message);
  const seen = [];
  need(String(doc.openapi).startsWith('3.1.'), `openapi is ${doc.openapi}, not 3.1`);
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const method of METHODS.filter((m) => item[m])) {
      const op = item[method];
      const where = `${method.toUpperCase()} ${path}`;
      need(op.operationId, `${where}: no operationId`);
      seen.push(op.operationId);
      const statuses = Object.keys(op.responses ?? {});
      const needed = [...ERROR_STATUSES, ...(path.includes('{') ? ['404'] : [])];
      if (method === 'post') needed.push('409');
      need(
        statuses.some((s) => s.startsWith('2')),
        `${where}: no 2xx response`,
      );
      for (const status of needed)
        need(statuses.includes(status), `${where}: no ${status} response`);
      for (const [status, response] of Object.entries(op.responses ?? {})) {
        const headers = deref(doc, response)?.headers ?? {};
        for (const h of HEADERS)
          need(deref(doc, headers[h])?.required, `${where} ${status}: no ${h}`);
      }
      const body = deref(doc, op.requestBody)?.content?.['application/json']?.schema;
      need(!body || deref(doc, body)?.additionalProperties === false, `${where}: body not closed`);
    }
  }
  for (const id of OPERATION_IDS) need(seen.includes(id), `missing operation ${id}`);
  for (const id of seen) need(OPERATION_IDS.includes(id), `unexpected operation ${id}`);
  for (const [name, hook] of Object.entries(doc.webhooks ?? {})) {
    need(hook.post?.operationId, `webhook ${name}: no POST with an operationId`);
  }
  return problems;
}

async function problemsOf(doc) {
  const result = await validate(structuredClone(doc)).catch((e) => ({ thrown: e.message }));
  if (!result.valid) return [result.thrown ?? compileErrors(result)];
  return [...schemaProblems(doc), ...contractProblems(doc)];
}

const spec = await Promise.resolve(SPEC)
  .then((file) => parse(readFileSync(file, 'utf8')))
  .catch((error) => fail(`cannot be read as YAML: ${error.message}`));
const problems = await problemsOf(spec);
if (problems.length) fail(`INVALID\n- ${problems.join('\n- ')}`);

// Negative controls: each broken copy must be rejected, for the expected reason, or the checks
// above prove nothing. [reason, object to break, key, bad value (none = delete the key)]
const controls = [
  [/Missing \$ref/, (d) => d.components.schemas.Job.properties, 'id', { $ref: '#/No' }],
  [/must be string/, (d) => d.paths['/v1/jobs'].post.responses['201'], 'description', 201],
  [/schema is invalid/, (d) => d.components.schemas.Job.properties.attempts, 'type', 'int'],
  [/example invalid/, (d) => d.components.schemas.Job.examples[0], 'state', 'done'],
  [/no X-Request-Id/, (d) => d.paths['/v1/jobs'].get.responses['200'].headers, 'X-Request-Id'],
];
for (const [reason, target, key, value] of controls) {
  const broken = structuredClone(spec);
  if (value === undefined) delete target(broken)[key];
  else target(broken)[key] = value;
  const found = await problemsOf(broken);
  if (!found.some((p) => reason.test(p))) fail(`control ${reason} failed: ${found[0] ?? 'ok'}`);
}

const operations = Object.values(spec.paths).flatMap((item) => METHODS.filter((m) => item[m]));
const hooks = Object.keys(spec.webhooks ?? {}).length;
const summary = `${operations.length} operations, ${hooks} webhook${hooks === 1 ? '' : 's'}`;
console.log(`${SPEC}: valid OpenAPI 3.1 (${summary})`);
