#!/usr/bin/python3
# @module check-actions-with-fail2ban: runs f2b's harmless actions through Debian's Fail2Ban.
#
# Every action.d file must load with Fail2Ban's ActionReader (for IPv4 and
# IPv6). The actions that need no root (log-only, hostsdeny, webhook, mail)
# are also started, used to ban and unban, and stopped through Fail2Ban's
# CommandAction, writing only inside a temporary directory; the webhook
# posts to a local HTTP server and mail goes to a stand-in sendmail script.
# Prints "ok NAME" / "FAIL NAME: reason"; exits 1 on any failure.
import http.server
import json
import os
import sys
import tempfile
import threading

from fail2ban.client.actionreader import ActionReader
from fail2ban.server.action import CommandAction

CONFIG = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BAN4 = {'ip': '192.0.2.7', 'family': 'inet4', 'failures': 3, 'time': 1124013600.25, 'bantime': 60}
BAN6 = {'ip': '2001:db8::7', 'family': 'inet6', 'failures': 4, 'time': 1124013601.0, 'bantime': 600}


def load_action(name, opts):
    reader = ActionReader(name, name, dict(opts), basedir=CONFIG)
    if not reader.read():
        raise AssertionError('action.d/%s.conf could not be read' % name)
    reader.getOptions({})
    action = CommandAction(None, name)
    for token in reader.convert():
        if token[0] == 'multi-set':
            for option, value in token[4]:
                setattr(action, option, value)
    return action


def run(action, aInfo):
    action.ban(aInfo)
    action.unban(aInfo)


class Hook(http.server.BaseHTTPRequestHandler):
    bodies = []

    def do_POST(self):
        length = int(self.headers['Content-Length'])
        Hook.bodies.append(json.loads(self.rfile.read(length)))
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args):
        pass


def check_log_only(tmp):
    logfile = os.path.join(tmp, 'sub', 'actions.log')
    action = load_action('log-only', {'logfile': logfile, 'name': 'demo'})
    action.start()
    run(action, BAN4)
    action.stop()
    text = open(logfile).read()
    for want in ('f2b[demo]: started', 'ban 192.0.2.7 after 3 failures for 60 s', 'unban 192.0.2.7', 'stopped'):
        if want not in text:
            raise AssertionError('%r not in %r' % (want, text))


def check_hostsdeny(tmp):
    hosts = os.path.join(tmp, 'hosts.deny')
    with open(hosts, 'w') as handle:
        handle.write('sshd: 198.51.100.1\n')
    action4 = load_action('hostsdeny', {'file': hosts})
    action6 = load_action('hostsdeny', {'file': hosts})
    action4.ban(BAN4)
    action6.ban(BAN6)
    if open(hosts).read() != 'sshd: 198.51.100.1\nALL: 192.0.2.7\nALL: [2001:db8::7]\n':
        raise AssertionError('after ban: %r' % open(hosts).read())
    action4.unban(BAN4)
    action6.unban(BAN6)
    if open(hosts).read() != 'sshd: 198.51.100.1\n':
        raise AssertionError('after unban: %r' % open(hosts).read())


def check_webhook(tmp):
    server = http.server.HTTPServer(('127.0.0.1', 0), Hook)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = 'http://127.0.0.1:%d/hook' % server.server_address[1]
        action = load_action('webhook', {'url': url, 'name': 'sshd', 'timeout': '5', 'retries': '1'})
        run(action, BAN4)
    finally:
        server.shutdown()
    ban, unban = Hook.bodies
    want = {'event': 'ban', 'jail': 'sshd', 'ip': '192.0.2.7', 'failures': 3, 'bantime': 60, 'time': 1124013600}
    if ban != want or unban.get('event') != 'unban' or unban.get('ip') != '192.0.2.7':
        raise AssertionError('bodies: %r' % Hook.bodies)


def check_mail(tmp):
    sent = os.path.join(tmp, 'sent.txt')
    sendmail = os.path.join(tmp, 'sendmail')
    with open(sendmail, 'w') as handle:
        handle.write('#!/bin/sh\nprintf "%%s\\n" "$*" > "%s"\ncat >> "%s"\n' % (sent, sent))
    os.chmod(sendmail, 0o755)
    action = load_action('mail', {'sendmail': sendmail, 'name': 'sshd', 'dest': 'admin@example.com'})
    run(action, BAN6)
    text = open(sent).read()
    if not text.startswith('-f f2b -- admin@example.com\nSubject: [f2b] sshd: banned 2001:db8::7\n'):
        raise AssertionError('mail: %r' % text)
    missing = load_action('mail', {'sendmail': os.path.join(tmp, 'no-such-sendmail')})
    missing.ban(BAN4)  # must succeed quietly


def main():
    failed = 0
    names = sorted(f[:-5] for f in os.listdir(os.path.join(CONFIG, 'action.d'))
                   if f.endswith('.conf') and not f.endswith('common.conf'))
    for name in names:
        try:
            load_action(name, {})
            load_action(name, {'family': 'inet6'})
            print('ok %s reads' % name)
        except Exception as error:
            failed += 1
            print('FAIL %s: %s' % (name, error))
    for name, check in (('log-only', check_log_only), ('hostsdeny', check_hostsdeny),
                        ('webhook', check_webhook), ('mail', check_mail)):
        try:
            with tempfile.TemporaryDirectory() as tmp:
                check(tmp)
            print('ok %s runs' % name)
        except Exception as error:
            failed += 1
            print('FAIL %s: %s' % (name, str(error).replace('\n', ' ')))
    sys.exit(1 if failed else 0)


if __name__ == '__main__':
    main()
