#!/usr/bin/env python3
"""Launcher of the Alert Intake App Service (Python 3 standard library only).

ThreatConnect's job executor starts PYTHON, JAVA or NONE apps, so the package declares
programLanguage PYTHON / programMain run. Two ways in:

* The platform runs `python run.py`: main() replaces this process (os.execve) with Node.js running
  the bundled app, so the process id, the environment, the arguments, signals and the exit code
  belong to Node directly.
* ThreatConnect's developer runner (`tcex run`, tcex-cli) imports `Run` from this file in its own
  process and calls setup(), launch(), teardown(). execve would replace tcex-cli itself, so Run
  starts Node as a child process, forwards SIGTERM/SIGINT/SIGHUP to it, and teardown() raises
  SystemExit with Node's exit code (tcex-cli reads the code from SystemExit).

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
import signal
import subprocess
import sys

MIN_NODE_MAJOR = 20
BUNDLE_FILE = 'app.mjs'
RUNTIME_FILE = os.path.join('runtime', 'node')
MESSAGE_FILE = 'message.tc'
MESSAGE_LIMIT = 255
VERSION_TIMEOUT_SECONDS = 30
# V8 flags for the service (measured in docs/performance.md): a 2 MB young-generation semi-space
# (V8's default grows to 16 MB) keeps RSS ~25 MB lower, idle and under load, for ~5 % more CPU;
# a quarter of V8's default inlining budget (920 / 460 bytes of bytecode) leaves the optimising
# compiler's threads ~25 % less to do in the first thousands of events, ~10 % of the CPU per event.
NODE_FLAGS = ['--max-semi-space-size=2', '--max-inlined-bytecode-size-cumulative=230', '--max-inlined-bytecode-size=230']


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


def resolve(env):
    """(node, bundle, None) ready to start, or (None, None, message) saying why not."""
    bundle = os.path.join(app_dir(), BUNDLE_FILE)
    if not os.path.isfile(bundle):
        return None, None, 'The app bundle {} is missing from the app folder; reinstall the package.'.format(BUNDLE_FILE)
    node, tried = find_node(env)
    if node is None:
        return None, None, (
            'No Node.js >= {} found ({}). Install Node.js {}+ on the job server, set TC_NODE_PATH, '
            'or install the package built with --with-runtime.'.format(MIN_NODE_MAJOR, '; '.join(tried), MIN_NODE_MAJOR)
        )
    return node, bundle, None


def main():
    """The platform's way in: `python run.py` becomes Node (execve)."""
    env = os.environ
    node, bundle, problem = resolve(env)
    if problem is not None:
        return fail(env, problem)
    sys.stdout.flush()
    sys.stderr.flush()
    try:
        os.execve(node, [node] + NODE_FLAGS + [bundle] + sys.argv[1:], env)
    except OSError as error:
        return fail(env, 'Starting Node.js at {} failed: {}.'.format(node, error.strerror or error))
    return 1  # not reached: execve replaces this process


FORWARDED_SIGNALS = tuple(getattr(signal, name) for name in ('SIGTERM', 'SIGINT', 'SIGHUP') if hasattr(signal, name))


def exit_status(returncode):
    """Popen's return code as a shell would report it (a death by signal N is 128 + N)."""
    return 128 - returncode if returncode < 0 else returncode


class Run:
    """tcex-cli's calling convention (`tcex run`): Run(); setup(); launch(); teardown().

    Node runs as a child process in its own process group, so a terminal's Ctrl-C reaches it once,
    through this process; the exit code comes back as SystemExit from teardown().
    """

    def __init__(self):
        self.child = None
        self.exit_code = 0
        self.node = None
        self.bundle = None
        self.saved_handlers = {}

    def forward(self, signum, _frame):
        if self.child is not None and self.child.poll() is None:
            self.child.send_signal(signum)

    def setup(self):
        """Finds Node and takes over the termination signals (main thread only)."""
        env = os.environ
        self.node, self.bundle, problem = resolve(env)
        if problem is not None:
            self.exit_code = fail(env, problem)
            return
        for signum in FORWARDED_SIGNALS:
            try:
                self.saved_handlers[signum] = signal.signal(signum, self.forward)
            except (ValueError, OSError):  # not the main thread: signals cannot be taken over
                pass

    def launch(self):
        """Starts Node on the bundle in the app folder and waits for it; returns its exit code."""
        if self.node is None:
            return self.exit_code
        sys.stdout.flush()
        sys.stderr.flush()
        try:
            self.child = subprocess.Popen([self.node] + NODE_FLAGS + [self.bundle], cwd=app_dir(), env=dict(os.environ), start_new_session=True)
        except OSError as error:
            self.exit_code = fail(os.environ, 'Starting Node.js at {} failed: {}.'.format(self.node, error.strerror or error))
            return self.exit_code
        while True:
            try:
                self.exit_code = exit_status(self.child.wait())
                return self.exit_code
            except KeyboardInterrupt:  # a SIGINT that arrived before the handler was in place
                self.forward(signal.SIGINT, None)

    def teardown(self):
        """Stops a Node still running, gives the signals back, and exits with Node's code."""
        if self.child is not None and self.child.poll() is None:
            self.child.terminate()
            try:
                self.exit_code = exit_status(self.child.wait(timeout=10))
            except subprocess.TimeoutExpired:
                self.child.kill()
                self.exit_code = exit_status(self.child.wait())
        for signum, handler in self.saved_handlers.items():
            if handler is not None:
                signal.signal(signum, handler)
        self.saved_handlers = {}
        sys.exit(self.exit_code)


if __name__ == '__main__':
    sys.exit(main())
