import { convConverters } from './conv.js';
import { elementwiseConverters } from './elementwise.js';
import { poolConverters } from './pool.js';
import { tensorConverters } from './tensor.js';
import type { OpConverter } from './types.js';

const converters: ReadonlyMap<string, OpConverter> = new Map(
  Object.entries({ ...convConverters, ...elementwiseConverters, ...poolConverters, ...tensorConverters }),
);

/** The converter for an operator name, or undefined when the operator is not supported. */
export function converterFor(name: string): OpConverter | undefined {
  return converters.get(name);
}

/** Names of every supported operator, sorted. */
export function supportedOperators(): string[] {
  return [...converters.keys()].sort();
}
