"""Differential-testing oracle: run real Django's system checks (``check --deploy``) on many settings modules.

Usage (with Debian's python3-django, i.e. ``/usr/bin/python3``)::

    /usr/bin/python3 test/oracle/run_checks.py PROJECT_DIR [--jobs N] MODULE [MODULE ...]
    /usr/bin/python3 test/oracle/run_checks.py PROJECT_DIR [--jobs N] @FILE   # one module name per line

Django is imported once; for each settings module a child process is forked that sets DJANGO_SETTINGS_MODULE,
calls ``django.setup()`` and ``django.core.checks.run_checks(include_deployment_checks=True)`` (what
``manage.py check --deploy`` runs), and reports the ids of the unsilenced ``security.*`` and ``4_0.*`` messages.
A fresh child per module gives each module a fresh ``sys.modules`` and a fresh app registry, as a real process has.

Output: one JSON object per module on stdout, in the order given, then a final summary line::

    {"module": "settings.prod_0001", "ids": ["security.W004", ...], "silenced": [...], "other": [...]}
    {"module": "settings.prod_0002", "error": "ImproperlyConfigured: ..."}
    {"summary": {"modules": 2, "errors": 1, "seconds": 0.41, "django": "3.2.25"}}

``ids`` is sorted and keeps duplicates; ``silenced`` lists the security/4_0 ids silenced by SILENCED_SYSTEM_CHECKS;
``other`` lists every other message id (models.W042, ...), for diagnosis only.

Environment: ``DJANGO_ALLOW_ASYNC_UNSAFE`` (it triggers async.E001) and every ``PGORACLE_*`` variable (the
variables the generated settings read, which must be unset so their defaults apply, as in ponyguard's run) are
removed before any settings module is imported.
"""

import importlib
import json
import os
import signal
import sys
import time
import traceback
import warnings

RELEVANT_PREFIXES = ('security.', '4_0.')
ENV_PREFIX = 'PGORACLE_'
CHILD_TIMEOUT_SECONDS = 60
# Modules importable without configured settings (no model classes): the built-in checks, the database and
# migration machinery, templates, and the apps modules of the contrib apps the generated settings install.
PREIMPORTS = [
    'django.core.checks',
    'django.core.checks.security.base',
    'django.core.checks.security.csrf',
    'django.core.checks.security.sessions',
    'django.db.models',
    'django.middleware.csrf',
    'django.views.csrf',
    'django.views.debug',
    'dataclasses',
    'pprint',
    'getpass',
    'unittest',
    'sqlparse',
    'django.contrib.auth.hashers',
    'django.contrib.auth.password_validation',
    'django.contrib.auth.validators',
    'django.contrib.auth.signals',
    'django.contrib.auth.checks',
    'django.contrib.auth.apps',
    'django.contrib.contenttypes.checks',
    'django.contrib.contenttypes.apps',
    'django.contrib.sessions.apps',
    'django.contrib.messages.apps',
    'django.contrib.staticfiles.apps',
    'django.contrib.staticfiles.checks',
    'django.core.cache.backends.locmem',
    'django.db.backends.dummy.base',
    'django.db.backends.sqlite3.base',
    'django.db.migrations',
    'django.db.migrations.operations',
    'django.db.migrations.state',
    'django.template.defaulttags',
    'django.template.defaultfilters',
    'django.template.loader_tags',
    'django.templatetags.i18n',
    'django.utils.translation.reloader',
]


def scrub_environment():
    for name in list(os.environ):
        if name == 'DJANGO_ALLOW_ASYNC_UNSAFE' or name.startswith(ENV_PREFIX) or name == 'DJANGO_SETTINGS_MODULE':
            del os.environ[name]


def check_module(module):
    """Runs in the forked child: set up Django with `module` and return the record to print."""
    os.environ['DJANGO_SETTINGS_MODULE'] = module
    try:
        import django
        from django.core import checks

        django.setup()
        messages = checks.run_checks(include_deployment_checks=True)
    except BaseException as error:  # noqa: BLE001 - any failure is reported, never raised
        last = traceback.format_exception_only(type(error), error)[-1].strip()
        return {'module': module, 'error': last, 'traceback': traceback.format_exc()}
    ids = []
    silenced = []
    other = []
    for message in messages:
        identifier = message.id or ''
        if not identifier.startswith(RELEVANT_PREFIXES):
            other.append(identifier)
        elif message.is_silenced():
            silenced.append(identifier)
        else:
            ids.append(identifier)
    return {'module': module, 'ids': sorted(ids), 'silenced': sorted(silenced), 'other': sorted(other)}


def fork_child(module):
    """Forks a child that checks `module` and writes its JSON record to a pipe; returns (pid, read fd)."""
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # child
        os.close(read_fd)
        status = 0
        try:
            signal.alarm(CHILD_TIMEOUT_SECONDS)  # a settings module that hangs must not hang the run
            record = check_module(module)
            data = (json.dumps(record) + '\n').encode('utf-8')
            while data:
                written = os.write(write_fd, data)
                data = data[written:]
        except BaseException:  # noqa: BLE001
            status = 1
        finally:
            # _exit: no atexit handlers, no flushing of buffers inherited from the parent.
            os._exit(status)
    os.close(write_fd)
    return pid, read_fd


def read_all(fd):
    chunks = []
    while True:
        chunk = os.read(fd, 65536)
        if not chunk:
            break
        chunks.append(chunk)
    os.close(fd)
    return b''.join(chunks)


def collect(module, pid, fd):
    data = read_all(fd)
    _, status = os.waitpid(pid, 0)
    text = data.decode('utf-8', 'replace').strip()
    if text:
        try:
            return json.loads(text)
        except ValueError:
            pass
    return {'module': module, 'error': 'the checking process died (wait status %d) without a result' % status}


def main(argv):
    if len(argv) < 2:
        sys.stderr.write(__doc__)
        return 2
    project = os.path.abspath(argv[0])
    rest = argv[1:]
    jobs = 1
    if rest[:1] == ['--jobs']:
        jobs = max(1, int(rest[1]))
        rest = rest[2:]
    modules = []
    for arg in rest:
        if arg.startswith('@'):
            with open(arg[1:], encoding='utf-8') as handle:
                modules.extend(line.strip() for line in handle if line.strip())
        else:
            modules.append(arg)

    scrub_environment()
    sys.dont_write_bytecode = True  # leave no __pycache__ in the project ponyguard scans
    sys.path.insert(0, project)
    warnings.simplefilter('ignore')  # e.g. RemovedInDjango40Warning for DEFAULT_HASHING_ALGORITHM

    # Import Django, the check machinery and what django.setup() of the usual contrib apps imports, once: every
    # child inherits them, so a child only imports the settings and builds the app registry (~10 ms instead of ~45).
    started = time.monotonic()
    import django

    for name in PREIMPORTS:
        try:
            importlib.import_module(name)
        except Exception:  # noqa: BLE001 - a module that needs configured settings is simply left to the child
            pass

    results = {}
    running = []  # (index, module, pid, fd), at most `jobs` children at a time
    queue = list(enumerate(modules))
    errors = 0
    while queue or running:
        while queue and len(running) < jobs:
            index, module = queue.pop(0)
            pid, fd = fork_child(module)
            running.append((index, module, pid, fd))
        # Collect the oldest child (children finish in roughly the order they start).
        index, module, pid, fd = running.pop(0)
        results[index] = collect(module, pid, fd)
    for index in range(len(modules)):
        record = results[index]
        if 'error' in record:
            errors += 1
        sys.stdout.write(json.dumps(record) + '\n')
    summary = {
        'modules': len(modules),
        'errors': errors,
        'seconds': round(time.monotonic() - started, 3),
        'django': django.get_version(),
        'python': sys.version.split()[0],
        'jobs': jobs,
    }
    sys.stdout.write(json.dumps({'summary': summary}) + '\n')
    sys.stdout.flush()
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
