import net from 'net';

/**
 * A PostgreSQL client at the level of protocol messages, so a test can send an
 * extended-protocol round in pieces (Parse and Bind now, Execute and Sync later), as a
 * message split over two TCP reads arrives at a server.
 */
const framed = (type: string | null, body: Buffer) => {
  const b = Buffer.alloc(4 + body.length);
  b.writeInt32BE(body.length + 4, 0);
  body.copy(b, 4);
  return type ? Buffer.concat([Buffer.from(type), b]) : b;
};
const cstr = (s: string) => Buffer.from(`${s}\0`);
const int16 = (n: number) => {
  const b = Buffer.alloc(2);
  b.writeInt16BE(n);
  return b;
};
const int32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeInt32BE(n);
  return b;
};

export const wire = {
  startup: () => framed(null, Buffer.concat([int32(196608), cstr('user'), cstr('postgres'), cstr('database'), cstr('postgres'), Buffer.from([0])])),
  parse: (sql: string) => framed('P', Buffer.concat([cstr(''), cstr(sql), int16(0)])),
  bind: (params: string[]) =>
    framed('B', Buffer.concat([cstr(''), cstr(''), int16(0), int16(params.length), ...params.map((p) => Buffer.concat([int32(Buffer.byteLength(p)), Buffer.from(p)])), int16(0)])),
  execute: () => framed('E', Buffer.concat([cstr(''), int32(0)])),
  flush: () => framed('H', Buffer.alloc(0)),
  sync: () => framed('S', Buffer.alloc(0)),
  query: (sql: string) => framed('Q', cstr(sql)),
};

/** What came back: data rows as text, error messages, and the last ReadyForQuery status. */
export interface Answer {
  rows: string[][];
  errors: string[];
  status: string | null;
}

export function parseAnswer(b: Buffer): Answer {
  const out: Answer = { rows: [], errors: [], status: null };
  let i = 0;
  while (i + 5 <= b.length) {
    const t = String.fromCharCode(b[i]);
    const len = b.readInt32BE(i + 1);
    const body = b.subarray(i + 5, i + 1 + len);
    if (t === 'D') {
      const n = body.readInt16BE(0);
      let j = 2;
      const vals: string[] = [];
      for (let k = 0; k < n; k++) {
        const l = body.readInt32BE(j);
        j += 4;
        vals.push(l < 0 ? '' : body.subarray(j, j + l).toString());
        j += Math.max(0, l);
      }
      out.rows.push(vals);
    } else if (t === 'E') {
      out.errors.push(body.toString().split('\0').find((x) => x.startsWith('M'))?.slice(1) ?? 'error');
    } else if (t === 'Z') {
      out.status = String.fromCharCode(body[0]);
    }
    i += 1 + len;
  }
  return out;
}

export interface RawConnection {
  socket: net.Socket;
  send(...messages: Buffer[]): void;
  /** Everything up to and including the next ReadyForQuery, parsed. */
  untilReady(timeoutMs?: number): Promise<Answer>;
  /** Whether a ReadyForQuery arrived within `ms` (without consuming it). */
  answeredWithin(ms: number): Promise<boolean>;
  closed: Promise<void>;
}

export async function rawConnect(url: string): Promise<RawConnection> {
  const u = new URL(url);
  const socket = net.connect(Number(u.port), u.hostname);
  let buf = Buffer.alloc(0);
  const waiters: (() => void)[] = [];
  socket.on('data', (d) => {
    buf = Buffer.concat([buf, d]);
    waiters.splice(0).forEach((w) => w());
  });
  const closed = new Promise<void>((r) => socket.once('close', () => r()));
  socket.on('error', () => undefined);
  await new Promise((r) => socket.once('connect', r));
  const readyAt = () => {
    let i = 0;
    while (i + 5 <= buf.length) {
      const len = buf.readInt32BE(i + 1);
      if (i + 1 + len > buf.length) return -1;
      if (buf[i] === 0x5a) return i + 1 + len;
      i += 1 + len;
    }
    return -1;
  };
  const conn: RawConnection = {
    socket,
    send: (...m) => socket.write(Buffer.concat(m)),
    async untilReady(timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const end = readyAt();
        if (end >= 0) {
          const out = buf.subarray(0, end);
          buf = buf.subarray(end);
          return parseAnswer(out);
        }
        if (Date.now() > deadline) throw new Error('no ReadyForQuery in time');
        await new Promise<void>((r) => {
          waiters.push(r);
          setTimeout(r, 50);
        });
      }
    },
    async answeredWithin(ms) {
      await new Promise((r) => setTimeout(r, ms));
      return readyAt() >= 0;
    },
    closed,
  };
  conn.send(wire.startup());
  await conn.untilReady();
  return conn;
}
