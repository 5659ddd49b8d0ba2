import { describe, expect, it } from 'vitest';
import { parseClientArgs } from '../src/client/args.js';
import { splitWords } from '../src/client/words.js';

describe('parseClientArgs', () => {
  it('reads flags up to the first command word; the rest is the command, flags included', () => {
    const args = parseClientArgs(['-c', '/etc/f2b', '-s', '/run/x.sock', '-vv', '--json', 'reload', '--restart', 'sshd']);
    expect(args).toMatchObject({ confDir: '/etc/f2b', socket: '/run/x.sock', verbosity: 2, json: true, words: ['reload', '--restart', 'sshd'] });
  });

  it('accepts --name=value, -q, and -- before a command starting with a dash', () => {
    expect(parseClientArgs(['--socket=/x.sock', '-q', '--timeout=2', '--', '-weird'])).toMatchObject({ socket: '/x.sock', verbosity: -1, timeoutSeconds: 2, words: ['-weird'] });
  });

  it.each([
    [['-s'], 'option -s needs a value <SOCKET>'],
    [['--timeout', '0'], "option --timeout: '0' is not a positive number of seconds"],
    [['-k', 'status'], "unknown option '-k' (see f2b-client -h)"],
  ])('rejects %j', (argv, message) => {
    expect(() => parseClientArgs(argv)).toThrow(message);
  });
});

describe('splitWords', () => {
  it.each([
    ['status  sshd', ['status', 'sshd']],
    [`set sshd addfailregex '^x \\S+ <HOST>$'`, ['set', 'sshd', 'addfailregex', '^x \\S+ <HOST>$']],
    ['echo "a \\"b\\" c" d\\ e', ['echo', 'a "b" c', 'd e']],
    [`echo '' ""`, ['echo', '', '']],
    ['echo $(rm -rf /) `id`', ['echo', '$(rm', '-rf', '/)', '`id`']],
  ])('splits %j', (line, words) => {
    expect(splitWords(line)).toEqual(words);
  });

  it('rejects an unterminated quote', () => {
    expect(() => splitWords("echo 'open")).toThrow('unterminated single quote');
  });
});
