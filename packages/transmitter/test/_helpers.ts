/** @module helpers: raw socket exchanges for the server tests. */
import { connect } from 'node:net';

/** Writes `payload` as is, then collects every reply line until the server closes or `lines` arrived. */
export function exchangeRaw(socketPath: string, payload: string | Buffer, lines = 1): Promise<{ replies: unknown[]; closed: boolean }> {
  return new Promise((resolve, reject) => {
    const socket = connect(socketPath);
    let text = '';
    const replies: unknown[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no ${lines} replies within 5 s (got ${replies.length}: ${text})`));
    }, 5000);
    socket.on('error', () => undefined);
    socket.on('connect', () => socket.write(payload));
    socket.on('data', (chunk: Buffer) => {
      text += chunk.toString('utf8');
      let index: number;
      while ((index = text.indexOf('\n')) >= 0) {
        replies.push(JSON.parse(text.slice(0, index)));
        text = text.slice(index + 1);
      }
      if (replies.length >= lines) {
        clearTimeout(timer);
        socket.destroy();
        resolve({ replies, closed: false });
      }
    });
    socket.on('close', () => {
      clearTimeout(timer);
      resolve({ replies, closed: true });
    });
  });
}
