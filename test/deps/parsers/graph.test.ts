import { describe, expect, it } from 'vitest';
import { addEdge, shortestChains, undependedNames, type DependencyGraph } from '../../../src/deps/parsers/graph.js';

function graph(edges: Array<[string, string, string[]?, string?]>): DependencyGraph {
  const out: DependencyGraph = new Map();
  for (const [from, to, extras, onlyWithExtra] of edges) addEdge(out, from, { to, extras: extras ?? [], onlyWithExtra: onlyWithExtra ?? null });
  return out;
}

describe('dependency graph', () => {
  it('finds a shortest chain from any root, and survives cycles', () => {
    const g = graph([
      ['a', 'b'],
      ['b', 'c'],
      ['c', 'a'],
      ['d', 'c'],
    ]);
    const chains = shortestChains(g, [
      { name: 'a', extras: [] },
      { name: 'd', extras: [] },
    ]);
    expect(Object.fromEntries(chains)).toEqual({ a: ['a'], d: ['d'], b: ['a', 'b'], c: ['d', 'c'] });
  });

  it('walks edges under an extra only when a chain requests it, falling back to any chain otherwise', () => {
    const g = graph([
      ['app', 'celery', ['Redis']],
      ['celery', 'redis', [], 'redis'],
      ['celery', 'boto3', [], 'sqs'],
      ['celery', 'kombu'],
      ['kombu', 'aws'],
      ['aws', 'boto3'],
    ]);
    const chains = shortestChains(g, [{ name: 'app', extras: [] }]);
    expect(chains.get('redis')).toEqual(['app', 'celery', 'redis']);
    // sqs is not requested: boto3 comes through kombu, not through celery's sqs extra.
    expect(chains.get('boto3')).toEqual(['app', 'celery', 'kombu', 'aws', 'boto3']);
    const plain = shortestChains(graph([['celery', 'boto3', [], 'sqs']]), [{ name: 'celery', extras: [] }]);
    expect(plain.get('boto3')).toEqual(['celery', 'boto3']);
  });

  it('names the packages nothing depends on', () => {
    expect(undependedNames(graph([['a', 'b'], ['b', 'b']]), ['a', 'b', 'c'])).toEqual(['a', 'c']);
  });
});
