import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, expectFixture, runRule } from '../../helpers.js';

describe('PY201 flask-debug-true', () => {
  it('reports exactly the annotated lines of its fixture', async () => {
    await expectFixture('PY201', path.join(FIXTURES, 'rules/code/flask-debug-true.py'));
  });

  it('needs Flask imported in the module, wherever the import is', async () => {
    expect(await runRule('PY201', 'server.run(debug=True)\n')).toEqual([]);
    expect((await runRule('PY201', 'app.run(debug=True)\nimport flask\n')).map((f) => f.location.startLine)).toEqual([1]);
    expect(await runRule('PY201', 'from flask_sqlalchemy import SQLAlchemy\napp.run(debug=True)\n')).toEqual([]);
    expect((await runRule('PY201', 'from flask.cli import FlaskGroup\napp.run(debug=True)\n'))).toHaveLength(1);
  });

  it('has high severity and medium confidence', async () => {
    const [finding] = await runRule('PY201', 'from flask import Flask\nFlask(__name__).run(debug=True)\n');
    expect(finding!.message).toBe('Flask(__name__).run(debug=True) starts Flask with the Werkzeug debugger: anyone who reaches an error page can run code');
  });
});
