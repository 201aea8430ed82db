import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, expectFixture, runRule } from '../../helpers.js';

describe('PY311 insecure-random', () => {
  it('reports exactly the annotated lines of its fixture', async () => {
    await expectFixture('PY311', path.join(FIXTURES, 'rules/code/insecure-random.py'));
  });

  it('keeps Bandit\'s low/high outside secret-like contexts', async () => {
    const findings = await runRule('PY311', 'import random\nquestions = random.sample(pool, 10)\nif random.random() < 0.5:\n    pass\n');
    expect(findings.map((f) => [f.location.startLine, f.severity ?? 'low', f.confidence ?? 'high'])).toEqual([
      [2, 'low', 'high'],
      [3, 'low', 'high'],
    ]);
  });

  it('raises severity to medium when the value becomes something token-like', async () => {
    const source = [
      'import random, string',
      'from random import choice',
      'reset_token = "".join(choice(string.ascii_letters) for _ in range(32))', // 3: assignment
      'user.otp = random.randint(100000, 999999)', // 4: attribute target
      'request.session["nonce"] = random.getrandbits(64)', // 5: subscript key
      'Invite.objects.create(user=u, code=random.randrange(10**8))', // 6: keyword argument
      'payload = {"secret": random.random()}', // 7: dictionary key
      'def make_api_key():',
      '    return "%x" % random.getrandbits(128)', // 9: returned from a secret-like function
      'def pick_colour():',
      '    return random.choice(COLOURS)', // 11: not secret-like
      'a = b = random.random()', // 12: chained, neither name secret-like
      'salt = key = random.random()', // 13: chained
      'ordered = sorted(items, key=lambda _: random.random())', // 14: inside a lambda: a sort key, not a secret
      'if (session_code := random.randint(0, 9)):', // 15: walrus
      '    pass',
      'request.session["cart_size"] = random.randint(1, 3)', // 17: subscript key not secret-like
      '',
    ].join('\n');
    const findings = await runRule('PY311', source);
    expect(findings.map((f) => [f.location.startLine, f.severity ?? 'low'])).toEqual([
      [3, 'medium'],
      [4, 'medium'],
      [5, 'medium'],
      [6, 'medium'],
      [7, 'medium'],
      [9, 'medium'],
      [11, 'low'],
      [12, 'low'],
      [13, 'medium'],
      [14, 'low'],
      [15, 'medium'],
      [17, 'low'],
    ]);
  });
});
