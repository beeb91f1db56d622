/**
 * `node --expose-gc --import tsx bench/server-cost.ts`: what one SDK `Server` object costs (JS heap
 * and construction time), with the JSON Schema validator it builds by default and with one shared
 * validator. A stateless server builds one per request, a stateful one per session.
 */
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { AjvJsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/ajv-provider.js';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc --import tsx bench/server-cost.ts');

const COUNT = 500;
const info = { name: 'cost', version: '1.0.0' };
const capabilities = { tools: { listChanged: false }, logging: {} };
const shared = new AjvJsonSchemaValidator();

function heapUsed(): number {
  gc!();
  gc!();
  return process.memoryUsage().heapUsed;
}

function measure(label: string, make: () => Server): void {
  for (let i = 0; i < 50; i += 1) make();
  const kept: Server[] = [];
  const before = heapUsed();
  const started = performance.now();
  for (let i = 0; i < COUNT; i += 1) kept.push(make());
  const micros = ((performance.now() - started) / COUNT) * 1000;
  const kib = (heapUsed() - before) / COUNT / 1024;
  console.log(`${label}: ${kib.toFixed(1)} KiB heap, ${micros.toFixed(0)} us to construct`);
}

measure('new Server() with its own validator', () => new Server(info, { capabilities }));
measure(
  'new Server() with a shared validator',
  () => new Server(info, { capabilities, jsonSchemaValidator: shared }),
);
