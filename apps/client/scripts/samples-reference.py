"""Runs Fail2Ban's own code over its sample logs and prints one JSON line per check, pass or fail.

The reference for f2b's conformance: the same checks `pnpm conformance` makes (one per failJSON
line under each filter-option set, one per failregex that needs a sample), judged by the Fail2Ban
found on PYTHONPATH (Debian's package, or a source snapshot). Unlike Fail2Ban's unittest, a failed
check does not stop the filter, so every check gets a verdict.

usage: python3 samples-reference.py CONFDIR LOGSDIR [NAME...]
"""
import datetime
import json
import os
import re
import sys
import time

from fail2ban.client.filterreader import FilterReader
from fail2ban.server.filter import FileContainer, Filter
from fail2ban.server.mytime import MyTime

# The sample tests' clock and zone (Fail2Ban's tests set the same ones).
SAMPLES_NOW = 1124013600
SAMPLES_TZ = 'CET-01CEST-02,M3.5.0,M10.5.0'
DIRECTIVE_RE = re.compile(r'^#+ ?(failJSON|(?:file|filter)Options|addFILE):(.+)$')
META_KEYS = ('time', 'match', 'desc', 'constraint')


def variant_of(opts):
    """The name a check carries for its filter-option set: test.filter-name, else the options as sorted JSON."""
    named = opts.get('test.filter-name')
    if named:
        return named
    flt = dict((k, str(v)) for k, v in opts.items() if not k.startswith('test.'))
    return json.dumps(flt, sort_keys=True, separators=(',', ':')) if flt else ''


def open_filter(name, confdir, opts):
    flt = Filter(None)
    flt.returnRawHost = True
    flt.checkAllRegex = True
    flt.checkFindTime = False
    flt.active = True
    reader = FilterReader(name, 'jail', dict(opts), basedir=confdir, share_config={})
    reader.read()
    reader.getOptions({})
    for opt in reader.convert():
        values = opt[3] if opt[0] == 'multi-set' else [opt[3]]
        for value in values:
            if opt[2] == 'prefregex':
                flt.prefRegex = value
            elif opt[2] == 'addfailregex':
                flt.addFailRegex(value)
            elif opt[2] == 'addignoreregex':
                flt.addIgnoreRegex(value)
            elif opt[2] == 'maxlines':
                flt.setMaxLines(value)
            elif opt[2] == 'datepattern':
                flt.setDatePattern(value)
    return flt


def sorted_equal(a, b):
    norm = lambda x: sorted(str(i) for i in x)
    return norm(a) == norm(b)


def judge(flt, opts, line, faildata):
    """Returns None when the line meets faildata, else what is wrong; adds used regex indexes to `used`."""
    regexes = flt.getFailRegex()
    used = []
    if opts.get('logtype') != 'journal':
        ret = flt.processLine(line)
    else:
        if opts.get('test.prefix-line'):
            line = opts.get('test.prefix-line') + line
        now_text = datetime.datetime.utcfromtimestamp(SAMPLES_NOW).isoformat()
        ret = flt.processLine(('', now_text, line), SAMPLES_NOW)
    found = []
    for r in ret or []:
        index, fid, _, fail = r
        if fid is None or fail.get('nofail'):
            used.append(index)
            continue
        found.append(r)
    if not found:
        return (None if not faildata.get('match', False) else 'line not matched when it should have been'), used
    if not faildata.get('match', False):
        return 'line matched when it should not have', used
    if len(found) != 1:
        return 'several regexes matched %r' % ([x[0] for x in found],), used
    index, fid, when, fail = found[0]
    for k, v in faildata.items():
        if k in META_KEYS:
            continue
        fv = fail.get(k, None)
        if fv is None:
            if k == 'host':
                fv = fid
            if k == 'attempts':
                fv = len(fail.get('matches', {}))
        if isinstance(fv, (set, list, dict)):
            if not sorted_equal(fv, v):
                return '%s %r != %r' % (k, fv, v), used
            continue
        if not fv == v:
            return '%s %r != %r' % (k, fv, v), used
    t = faildata.get('time', None)
    if t is not None:
        try:
            local = datetime.datetime.strptime(t, '%Y-%m-%dT%H:%M:%S')
        except ValueError:
            local = datetime.datetime.strptime(t, '%Y-%m-%dT%H:%M:%S.%f')
        want = time.mktime(local.timetuple()) + local.microsecond / 1000000.0
        if when != want:
            return 'time %r != %r' % (when, want), used
    used.append(index)
    return None, used


def emit(name, variant, where, error):
    sys.stdout.write(json.dumps({'filter': name, 'variant': variant, 'where': where, 'ok': error is None, 'error': error}) + '\n')


def run_filter(name, confdir, logsdir):
    filters = {}  # variant -> (Filter, used indexes) or an error text
    used_texts = set()

    def get(opts):
        variant = variant_of(opts)
        if variant not in filters:
            try:
                filters[variant] = (open_filter(name, confdir, dict((k, v) for k, v in opts.items() if not k.startswith('test.'))), set())
            except Exception as e:  # a filter that cannot load fails that check, not the run
                filters[variant] = '%s: %s' % (type(e).__name__, str(e).split('\n')[0])
                emit(name, variant, 'load', filters[variant])
        return variant

    if not os.path.isfile(os.path.join(logsdir, name)):
        emit(name, '', 'log', 'no sample log')
        return
    files = [name]
    tests = None
    common = {}
    i = 0
    while i < len(files):
        fname = files[i]
        i += 1
        container = FileContainer(os.path.join(logsdir, fname), 'UTF-8', doOpen=True)
        container.waitForLineEnd = False
        lines = list(container)
        ignore_block = False
        n = 0
        while n < len(lines):
            line = lines[n]
            n += 1
            where = '%s:%d' % (fname, n)
            faildata = {}
            m = DIRECTIVE_RE.match(line)
            if m:
                data = json.loads(m.group(2))
                if m.group(1) == 'fileOptions':
                    common = data
                    continue
                if m.group(1) == 'filterOptions':
                    tests = []
                    ignore_block = False
                    for o in (data if isinstance(data, list) else [data]):
                        opts = dict(common)
                        opts.update(o)
                        if opts.get('test.condition'):
                            ignore_block = not eval(opts.get('test.condition'), {'name': name, 'opts': opts})
                        if not ignore_block:
                            tests.append((get(opts), opts))
                    continue
                if m.group(1) == 'addFILE':
                    files.append(data)
                    continue
                faildata = data
                if n >= len(lines):
                    break
                line = lines[n]
                n += 1
            elif ignore_block or line.startswith('#') or not line.strip():
                continue
            if ignore_block:
                continue
            if not tests:
                tests = [(get({}), {})]
            line = line.rstrip('\r\n')
            for variant, opts in tests:
                if faildata.get('constraint') and not eval(faildata['constraint'], {'name': name, 'opts': opts}):
                    continue
                entry = filters[variant]
                if isinstance(entry, str):
                    continue
                flt, used = entry
                try:
                    error, hits = judge(flt, opts, line, faildata)
                except Exception as e:
                    error, hits = '%s: %s' % (type(e).__name__, e), []
                for h in hits:
                    used.add(h)
                    used_texts.add(flt.getFailRegex()[h])
                emit(name, variant, where, error)
    for variant, entry in filters.items():
        if isinstance(entry, str):
            continue
        flt, used = entry
        for index, regex in enumerate(flt.getFailRegex()):
            ok = index in used or regex in used_texts
            emit(name, variant, 'failregex %d' % (index + 1), None if ok else 'regex has no sample')


def main(argv):
    confdir, logsdir, only = argv[0], argv[1], set(argv[2:])
    os.environ['TZ'] = SAMPLES_TZ
    time.tzset()
    MyTime.setAlternateNow(SAMPLES_NOW)
    MyTime.setTime(SAMPLES_NOW)
    names = sorted(f[:-5] for f in os.listdir(os.path.join(confdir, 'filter.d'))
                   if f.endswith('.conf') and not f.endswith('common.conf') and not f.startswith('.'))
    for name in names:
        if not only or name in only:
            run_filter(name, confdir, logsdir)


if __name__ == '__main__':
    main(sys.argv[1:])
