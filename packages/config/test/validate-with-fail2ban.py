#!/usr/bin/python3
# @module validate-with-fail2ban: checks f2b's filters against their sample logs using Debian's Fail2Ban.
#
# Differential check: the reference implementation must read our filter.d
# exactly as f2b does, so every filter is loaded through Fail2Ban's own
# FilterReader and every sample line is run through Fail2Ban's Filter.
#
# Usage: /usr/bin/python3 validate-with-fail2ban.py [--config DIR] [--logs DIR] [--only NAME]...
# Prints one line per filter ("ok NAME (N lines, M failregex)" or
# "FAIL NAME: reason") and exits 1 when any filter fails.
#
# Conventions shared with Fail2Ban's sample tests: the clock is frozen at
# 1124013600 (2005-08-14 12:00:00 CEST) and local time is Central European
# Time, so syslog dates without a year resolve to 2005 and failJSON "time"
# values are local times.
import argparse
import datetime
import json
import os
import re
import sys
import time

os.environ['TZ'] = 'CET-01CEST-02,M3.5.0,M10.5.0'
time.tzset()

from fail2ban.client.filterreader import FilterReader  # noqa: E402
from fail2ban.server.failregex import Regex  # noqa: E402
from fail2ban.server.filter import Filter  # noqa: E402
from fail2ban.server.mytime import MyTime  # noqa: E402

FROZEN_NOW = 1124013600
HERE = os.path.dirname(os.path.abspath(__file__))
HOST_RE = Regex._resolveHostTag('<HOST>')
# A greedy ".*" or ".+" somewhere before <HOST> lets an attacker put an
# address of their choice into the matched text (user name, URL) and have it
# taken as the offender — unless what follows <HOST> pins the match down
# (anchored with "$" and no second catch-all after the host). Stricter than
# Fail2Ban's own check: a regex ending right after <HOST> is flagged too.
_GREEDY = r'\.[*+](?!\?)[^$^]*' + re.escape(HOST_RE)
GREEDY_BEFORE_HOST = re.compile(_GREEDY + r'(?:.*\.[*+].*|(?:.*[^$])?)$')
DIRECTIVE = re.compile(r'^#+ ?(failJSON|filterOptions):(.+)$')


class SampleError(Exception):
    pass


def load_filter(confdir, name, opts):
    flt = Filter(None)
    flt.returnRawHost = True
    flt.checkAllRegex = True
    flt.checkFindTime = False
    flt.active = True
    reader = FilterReader(name, 'jail', dict(opts), basedir=confdir)
    if not reader.read():
        raise SampleError('filter.d/%s.conf could not be read' % name)
    reader.getOptions({})
    for token in reader.convert():
        values = token[3] if token[0] == 'multi-set' else [token[3]]
        for value in values:
            option = token[2]
            if option == 'prefregex':
                flt.prefRegex = value
            elif option == 'addfailregex':
                flt.addFailRegex(value)
            elif option == 'addignoreregex':
                flt.addIgnoreRegex(value)
            elif option == 'maxlines':
                flt.setMaxLines(value)
            elif option == 'datepattern':
                flt.setDatePattern(value)
    for index, regex in enumerate(flt.getFailRegex()):
        if GREEDY_BEFORE_HOST.search(regex):
            raise SampleError('%s: failregex %d has a greedy catch-all before <HOST>: %s'
                              % (name, index, regex.replace(HOST_RE, '<HOST>')))
    return flt


def local_epoch(text):
    fmt = '%Y-%m-%dT%H:%M:%S.%f' if '.' in text else '%Y-%m-%dT%H:%M:%S'
    parsed = datetime.datetime.strptime(text, fmt)
    return time.mktime(parsed.timetuple()) + parsed.microsecond / 1e6


def check_line(where, flt, expect, line):
    results = flt.processLine(line) or []
    fails = []
    for regex_index, fid, when, fail in results:
        flt._used.add(regex_index)
        if fid is None or fail.get('nofail'):
            continue
        fails.append((regex_index, fid, when, fail))
    if not fails:
        if expect.get('match', False):
            raise SampleError('%s: expected a match, got none: %s' % (where, line))
        return
    if not expect.get('match', False):
        raise SampleError('%s: matched but marked "match": false: %s' % (where, line))
    if len(fails) != 1:
        raise SampleError('%s: %d failregex matched at once' % (where, len(fails)))
    regex_index, fid, when, fail = fails[0]
    for key, want in expect.items():
        if key in ('time', 'match', 'desc'):
            continue
        got = fail.get(key)
        if got is None and key == 'host':
            got = fid
        if got != want:
            raise SampleError('%s: %s is %r, expected %r' % (where, key, got, want))
    if 'time' in expect and abs(when - local_epoch(expect['time'])) > 1e-6:
        raise SampleError('%s: time is %s, expected %s' % (
            where, datetime.datetime.fromtimestamp(when).isoformat(), expect['time']))


def check_filter(confdir, logsdir, name):
    path = os.path.join(logsdir, name)
    if not os.path.isfile(path):
        raise SampleError('%s: no sample log test/logs/%s' % (name, name))
    filters = {}
    active = None
    expect = None
    count = 0
    with open(path, encoding='utf-8') as handle:
        for lineno, raw in enumerate(handle, 1):
            line = raw.rstrip('\r\n')
            where = 'test/logs/%s:%d' % (name, lineno)
            found = DIRECTIVE.match(line)
            if found:
                data = json.loads(found.group(2))
                if found.group(1) == 'filterOptions':
                    active = []
                    for opts in (data if isinstance(data, list) else [data]):
                        key = json.dumps(opts, sort_keys=True)
                        if key not in filters:
                            filters[key] = load_filter(confdir, name, opts)
                            filters[key]._used = set()
                        active.append(filters[key])
                else:
                    expect = data
                continue
            if line.startswith('#') or not line.strip():
                continue
            if expect is None:
                raise SampleError('%s: sample line without a failJSON line before it' % where)
            if active is None:
                filters['{}'] = load_filter(confdir, name, {})
                filters['{}']._used = set()
                active = [filters['{}']]
            for flt in active:
                check_line(where, flt, expect, line)
            expect = None
            count += 1
    if count == 0:
        raise SampleError('%s: sample log has no sample lines' % name)
    regex_count = 0
    for key, flt in filters.items():
        regexes = flt.getFailRegex()
        regex_count = max(regex_count, len(regexes))
        for index in range(len(regexes)):
            if index not in flt._used:
                raise SampleError('%s %s: failregex %d has no matching sample: %s' % (
                    name, key, index, regexes[index].replace(HOST_RE, '<HOST>')))
    return count, regex_count


def list_filters(confdir):
    names = []
    for entry in sorted(os.listdir(os.path.join(confdir, 'filter.d'))):
        if entry.endswith('.conf') and not entry.endswith('common.conf'):
            names.append(entry[:-len('.conf')])
    return names


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument('--config', default=os.path.dirname(HERE))
    parser.add_argument('--logs', default=os.path.join(HERE, 'logs'))
    parser.add_argument('--only', action='append', default=[])
    args = parser.parse_args()
    MyTime.setTime(FROZEN_NOW)
    failed = 0
    for name in args.only or list_filters(args.config):
        try:
            count, regexes = check_filter(args.config, args.logs, name)
            print('ok %s (%d lines, %d failregex)' % (name, count, regexes))
        except Exception as error:  # every failure is reported, the run goes on
            failed += 1
            print('FAIL %s: %s' % (name, str(error).replace('\n', ' ')))
    sys.exit(1 if failed else 0)


if __name__ == '__main__':
    main()
