// Validates exchanges against spec/openapi.yaml with maintained libraries: @readme/openapi-parser
// resolves every $ref, Ajv (JSON Schema 2020-12, the dialect of OpenAPI 3.1) checks each value.
import { readFileSync } from 'node:fs';
import { dereference } from '@readme/openapi-parser';
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';

// biome-ignore lint/suspicious/noExplicitAny: the dereferenced document is untyped JSON
type Node = any;

export interface Exchange {
  method: string;
  path: string;
  query?: Record<string, string | string[]>;
  headers: Record<string, string>;
  body?: unknown;
  rawBody?: string;
}

export interface SpecValidator {
  /** The operation a method and path hit, or undefined. */
  operationId(method: string, path: string): string | undefined;
  /** Problems with a response to `method path` (empty when it conforms). */
  response(
    method: string,
    path: string,
    status: number,
    headers: Record<string, string>,
    body: unknown,
  ): string[];
  /** Problems with a request (parameters, security, body). */
  request(request: Exchange): string[];
  /** Problems with a webhook delivery: its body and signature header. */
  webhook(payload: string, header: string): string[];
}

const SPEC = new URL('../../../../spec/openapi.yaml', import.meta.url);

/** Loads and dereferences the contract once; compiles schemas on first use. */
export async function loadSpec(): Promise<SpecValidator> {
  const doc: Node = await dereference(parse(readFileSync(SPEC, 'utf8')));
  const ajv = new Ajv2020({ strict: true, allErrors: true, allowUnionTypes: true });
  addFormats(ajv);
  ajv.addVocabulary(['example', 'discriminator', 'xml', 'externalDocs']);
  const compiled = new WeakMap<object, ValidateFunction>();
  const check = (schema: Node, value: unknown, where: string): string[] => {
    let run = compiled.get(schema);
    if (!run) {
      run = ajv.compile(schema);
      compiled.set(schema, run);
    }
    return run(value) ? [] : [`${where}: ${ajv.errorsText(run.errors, { dataVar: 'value' })}`];
  };
  const routes = Object.entries(doc.paths as Record<string, Node>).map(([template, item]) => ({
    template,
    item,
    pattern: new RegExp(`^${template.replace(/\{[^}]+\}/g, '([^/]+)')}$`),
  }));
  // A literal path wins over a templated one (/v1/jobs/claim vs /v1/jobs/{id}).
  routes.sort((a, b) => Number(a.template.includes('{')) - Number(b.template.includes('{')));
  const find = (method: string, path: string) => {
    for (const r of routes) {
      const m = r.pattern.exec(path);
      const op = m && r.item[method.toLowerCase()];
      if (op) return { op, item: r.item, template: r.template, ids: m.slice(1) };
    }
    return undefined;
  };
  const coerce = (schema: Node, raw: string): unknown => {
    const type = schema?.type;
    if ((type === 'integer' || type === 'number') && /^-?\d+(\.\d+)?$/.test(raw))
      return Number(raw);
    if (type === 'boolean' && (raw === 'true' || raw === 'false')) return raw === 'true';
    return raw;
  };

  return {
    operationId: (method, path) => find(method, path)?.op.operationId,

    response(method, path, status, headers, body) {
      const hit = find(method, path);
      const where = `${method} ${path} → ${status}`;
      if (!hit) return [`${where}: no such operation in the spec`];
      const responses = hit.op.responses;
      const spec =
        responses[String(status)] ?? responses[`${String(status)[0]}XX`] ?? responses.default;
      if (!spec) return [`${where}: status not documented for ${hit.op.operationId}`];
      const problems: string[] = [];
      const lower = Object.fromEntries(
        Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]),
      );
      for (const [name, h] of Object.entries(spec.headers ?? {}) as [string, Node][]) {
        const value = lower[name.toLowerCase()];
        if (value === undefined) {
          if (h.required) problems.push(`${where}: missing header ${name}`);
          continue;
        }
        problems.push(...check(h.schema, coerce(h.schema, value), `${where} header ${name}`));
      }
      const media = spec.content?.['application/json'];
      if (!media) return problems;
      if (!/^application\/json/.test(lower['content-type'] ?? '')) {
        problems.push(`${where}: content-type ${lower['content-type']} is not JSON`);
      }
      return [...problems, ...check(media.schema, body, `${where} body`)];
    },

    request(req) {
      const hit = find(req.method, req.path);
      const where = `${req.method} ${req.path}`;
      if (!hit) return [`${where}: no such operation in the spec`];
      const problems: string[] = [];
      const params = new Map<string, Node>();
      for (const p of [...(hit.item.parameters ?? []), ...(hit.op.parameters ?? [])]) {
        params.set(`${p.in}:${p.name.toLowerCase()}`, p);
      }
      const headers = Object.fromEntries(
        Object.entries(req.headers).map(([k, v]) => [k.toLowerCase(), v]),
      );
      let pathIndex = 0;
      for (const p of params.values()) {
        const value =
          p.in === 'path'
            ? hit.ids[pathIndex++]
            : p.in === 'query'
              ? req.query?.[p.name]
              : headers[p.name.toLowerCase()];
        if (value === undefined) {
          if (p.required) problems.push(`${where}: missing ${p.in} parameter ${p.name}`);
          continue;
        }
        if (Array.isArray(value)) {
          problems.push(`${where}: ${p.in} parameter ${p.name} repeated`);
          continue;
        }
        const decoded = p.in === 'path' ? decodeURIComponent(value) : value;
        problems.push(...check(p.schema, coerce(p.schema, decoded), `${where} ${p.in} ${p.name}`));
      }
      for (const name of Object.keys(req.query ?? {})) {
        if (!params.has(`query:${name.toLowerCase()}`))
          problems.push(`${where}: unknown query parameter ${name}`);
      }
      const secured = (hit.op.security ?? doc.security ?? []).length > 0;
      if (secured && !/^Bearer \S+$/.test(headers.authorization ?? '')) {
        problems.push(`${where}: no bearer Authorization header`);
      }
      const body = hit.op.requestBody;
      const raw = req.rawBody ?? '';
      if (!body) {
        if (raw !== '') problems.push(`${where}: a body where the spec has none`);
        return problems;
      }
      if (raw === '') {
        if (body.required) problems.push(`${where}: missing required body`);
        return problems;
      }
      if (!/^application\/json/.test(headers['content-type'] ?? '')) {
        problems.push(`${where}: body content-type ${headers['content-type']} is not JSON`);
      }
      return [
        ...problems,
        ...check(body.content['application/json'].schema, req.body, `${where} body`),
      ];
    },

    webhook(payload, header) {
      const post = doc.webhooks.jobEvent.post;
      const signature = post.parameters.find((p: Node) => p.name === 'zeridion-signature');
      return [
        ...check(signature.schema, header, 'webhook zeridion-signature'),
        ...check(
          post.requestBody.content['application/json'].schema,
          JSON.parse(payload),
          'webhook body',
        ),
      ];
    },
  };
}
