#!/usr/bin/env python3
"""Launcher of the Alert Intake App Service (Python 3 standard library only).

ThreatConnect's job executor starts PYTHON, JAVA or NONE apps, so the package declares
programLanguage PYTHON / programMain run, and this file replaces itself (os.execve) with Node.js
running the bundled app. The process id, the environment, the arguments, signals and the exit
code therefore belong to Node directly.

Runtime search order (the first Node.js >= 20 wins):
  1. runtime/node inside this app folder (packages built with `npm run package -- --with-runtime`);
  2. TC_NODE_PATH: the node executable, or a Node.js installation folder (<dir>/bin/node, <dir>/node);
  3. node on PATH.
When none qualifies it writes message.tc (to $TC_OUT_PATH if set and writable, else the working
directory) and exits 1. The encrypted params file, where tc_out_path lives, cannot be read here.
"""
import os
import re
import shutil
import subprocess
import sys

MIN_NODE_MAJOR = 20
BUNDLE_FILE = 'app.mjs'
RUNTIME_FILE = os.path.join('runtime', 'node')
MESSAGE_FILE = 'message.tc'
MESSAGE_LIMIT = 255
VERSION_TIMEOUT_SECONDS = 30
# V8 flags for the service (measured in docs/performance.md): a 2 MB young-generation semi-space
# (V8's default grows to 16 MB) keeps RSS ~25 MB lower, idle and under load, for ~5 % more CPU.
NODE_FLAGS = ['--max-semi-space-size=2']


def app_dir():
    return os.path.dirname(os.path.abspath(__file__))


def is_executable(path):
    return os.path.isfile(path) and os.access(path, os.X_OK)


def from_tc_node_path(value):
    """TC_NODE_PATH may name the executable or an installation folder."""
    if os.path.isdir(value):
        for candidate in (os.path.join(value, 'bin', 'node'), os.path.join(value, 'node')):
            if is_executable(candidate):
                return candidate
        return None
    return value if is_executable(value) else None


def candidates(env):
    """(label, path or None, reason when None) in search order."""
    bundled = os.path.join(app_dir(), RUNTIME_FILE)
    if is_executable(bundled):
        yield 'bundled runtime/node', bundled, ''
    else:
        yield 'bundled runtime/node', None, 'absent'
    tc_node_path = env.get('TC_NODE_PATH', '')
    if tc_node_path:
        found = from_tc_node_path(tc_node_path)
        yield 'TC_NODE_PATH', found, '' if found else 'not an executable node'
    else:
        yield 'TC_NODE_PATH', None, 'unset'
    on_path = shutil.which('node', path=env.get('PATH', ''))
    yield 'PATH', on_path, '' if on_path else 'no node'


def node_major(path):
    """The major version of the node at path, or None with a reason."""
    try:
        result = subprocess.run(
            [path, '--version'],
            stdin=subprocess.DEVNULL,
            capture_output=True,
            timeout=VERSION_TIMEOUT_SECONDS,
            check=False,
        )
    except (OSError, subprocess.SubprocessError) as error:
        return None, 'does not run ({})'.format(error.__class__.__name__)
    match = re.match(r'^v(\d+)\.', result.stdout.decode('utf-8', 'replace').strip())
    if result.returncode != 0 or not match:
        return None, 'no version'
    return int(match.group(1)), ''


def find_node(env):
    """The first node >= MIN_NODE_MAJOR, or None and what was tried."""
    tried = []
    for label, path, reason in candidates(env):
        if path is None:
            tried.append('{}: {}'.format(label, reason))
            continue
        major, reason = node_major(path)
        if major is None:
            tried.append('{}: {}'.format(label, reason))
        elif major < MIN_NODE_MAJOR:
            tried.append('{}: v{} too old'.format(label, major))
        else:
            return path, tried
    return None, tried


def write_message(env, message):
    """message.tc as tcex writes it: the last 255 characters and a newline."""
    text = message[-MESSAGE_LIMIT:] + '\n'
    folders = [env.get('TC_OUT_PATH', ''), os.getcwd()]
    for folder in [f for f in folders if f]:
        try:
            os.makedirs(folder, exist_ok=True)
            with open(os.path.join(folder, MESSAGE_FILE), 'w', encoding='utf-8') as handle:
                handle.write(text)
            return
        except OSError:
            continue


def fail(env, message):
    sys.stderr.write('alert-intake launcher: {}\n'.format(message))
    sys.stderr.flush()
    write_message(env, message)
    return 1


def main():
    env = os.environ
    bundle = os.path.join(app_dir(), BUNDLE_FILE)
    if not os.path.isfile(bundle):
        return fail(env, 'The app bundle {} is missing from the app folder; reinstall the package.'.format(BUNDLE_FILE))
    node, tried = find_node(env)
    if node is None:
        return fail(
            env,
            'No Node.js >= {} found ({}). Install Node.js {}+ on the job server, set TC_NODE_PATH, '
            'or install the package built with --with-runtime.'.format(MIN_NODE_MAJOR, '; '.join(tried), MIN_NODE_MAJOR),
        )
    sys.stdout.flush()
    sys.stderr.flush()
    try:
        os.execve(node, [node] + NODE_FLAGS + [bundle] + sys.argv[1:], env)
    except OSError as error:
        return fail(env, 'Starting Node.js at {} failed: {}.'.format(node, error.strerror or error))
    return 1  # not reached: execve replaces this process


if __name__ == '__main__':
    sys.exit(main())
