import { createSocket, type Socket } from 'node:dgram';
import * as packet from 'dns-packet';

/**
 * A name server in the test process, on a free loopback UDP port: it answers TXT questions from `txt` (a name
 * with no records answers NXDOMAIN) and nothing else. Point a service at it with `DNS_SERVERS=<address>`.
 */
export class TestDnsServer {
  /** Record values by lower-case name; set and delete entries while the test runs. */
  readonly txt = new Map<string, string[]>();
  /** The names asked for, in order. */
  readonly questions: string[] = [];
  private socket: Socket | undefined;
  private port = 0;

  get address(): string {
    return `127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const socket = createSocket('udp4');
    this.socket = socket;
    socket.on('message', (message, remote) => {
      let query: packet.Packet;
      try {
        query = packet.decode(message);
      } catch {
        return; // not DNS: ignore
      }
      const question = query.questions?.[0];
      const name = question?.name.toLowerCase() ?? '';
      this.questions.push(name);
      const values = question?.type === 'TXT' ? this.txt.get(name) : undefined;
      const response = packet.encode({
        id: query.id,
        type: 'response',
        flags: packet.RECURSION_DESIRED | packet.RECURSION_AVAILABLE | (values ? 0 : 3), // rcode 3: NXDOMAIN
        questions: query.questions,
        answers: (values ?? []).map((value) => ({ type: 'TXT' as const, name: question!.name, ttl: 0, class: 'IN' as const, data: value })),
      });
      socket.send(response, remote.port, remote.address);
    });
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.bind(0, '127.0.0.1', () => resolve());
    });
    this.port = socket.address().port;
  }

  async stop(): Promise<void> {
    const socket = this.socket;
    this.socket = undefined;
    if (socket) await new Promise<void>((resolve) => socket.close(() => resolve()));
  }
}
