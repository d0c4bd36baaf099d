import type { Server } from 'node:http';
import { type WebSocket, WebSocketServer } from 'ws';
import type { Recorder } from './recorder.js';
import { shardOf } from './snowflake.js';
import type { GatewayFrame, IdentifyRecord, Json, ResumeRecord, SessionInfo } from './types.js';
import { guildCreatePayload, memberPayload, userPayload, type World } from './world.js';
import { ZlibStreamWriter } from './zlib-stream.js';

/** Gateway opcodes and close codes, as documented by Discord (kept local so the fake reads on its own). */
const Op = {
  Dispatch: 0,
  Heartbeat: 1,
  Identify: 2,
  PresenceUpdate: 3,
  VoiceStateUpdate: 4,
  Resume: 6,
  Reconnect: 7,
  RequestGuildMembers: 8,
  InvalidSession: 9,
  Hello: 10,
  HeartbeatAck: 11,
} as const;

export const CloseCode = {
  UnknownError: 4000,
  UnknownOpcode: 4001,
  DecodeError: 4002,
  NotAuthenticated: 4003,
  AuthenticationFailed: 4004,
  AlreadyAuthenticated: 4005,
  InvalidShard: 4010,
  InvalidApiVersion: 4012,
  InvalidIntents: 4013,
  DisallowedIntents: 4014,
} as const;

/** Events kept per session for replay on RESUME; far more than any test sends while a shard is away. */
const REPLAY_LIMIT = 5_000;

interface Session {
  id: string;
  shardId: number;
  shardCount: number;
  intents: number;
  seq: number;
  socket: WebSocket | null;
  log: { s: number; t: string; d: unknown }[];
  resumes: number;
  ended: boolean;
}

export interface GatewayOptions {
  token: string;
  heartbeatIntervalMs: number;
  /** Intent bits a bot may not request (privileged intents not enabled in the portal): IDENTIFY is closed with 4014. */
  disallowedIntents: number;
  /** Keep every frame in `frames` (turn off for load tests: it holds every payload). */
  recordFrames: boolean;
}

export interface GatewayRecorders {
  identifies: Recorder<IdentifyRecord>;
  resumes: Recorder<ResumeRecord>;
  frames: Recorder<GatewayFrame>;
}

/** Decides per session whether (and in what shape) a dispatch is delivered, e.g. intents and message content. */
export type DeliveryFilter = (d: Json, session: SessionInfo) => Json | null;

export class Gateway {
  readonly #world: World;
  readonly #options: GatewayOptions;
  readonly #rec: GatewayRecorders;
  readonly #sessions = new Map<string, Session>();
  readonly #identified = new WeakMap<WebSocket, Session>();
  readonly #compressed = new WeakMap<WebSocket, ZlibStreamWriter>();
  #wss: WebSocketServer | null = null;
  url = '';

  constructor(world: World, options: GatewayOptions, recorders: GatewayRecorders) {
    this.#world = world;
    this.#options = options;
    this.#rec = recorders;
  }

  attach(server: Server, url: string): void {
    this.url = url;
    this.#wss = new WebSocketServer({ server });
    this.#wss.on('connection', (socket, request) => this.#onConnection(socket, request.url ?? '/'));
  }

  sessions(): SessionInfo[] {
    return [...this.#sessions.values()].map((s) => this.#info(s));
  }

  /** The live (or resumable) session that owns a shard: the most recently identified one. */
  #sessionForShard(shardId: number): Session | undefined {
    let found: Session | undefined;
    for (const s of this.#sessions.values()) if (!s.ended && s.shardId === shardId) found = s;
    return found;
  }

  /**
   * Sessions that receive events of `guildId` (null: DMs and other non-guild events go to shard 0). Only the newest
   * session of each shard counts: an older one belongs to a bot process that is gone (killed, or replaced).
   */
  sessionsFor(guildId: string | null): Session[] {
    const newest = new Map<number, Session>();
    for (const s of this.#sessions.values()) if (!s.ended) newest.set(s.shardId, s);
    return [...newest.values()].filter((s) => s.shardId === (guildId === null ? 0 : shardOf(guildId, s.shardCount)));
  }

  /**
   * Sends a dispatch to every session owning `guildId`. Events for a disconnected session are kept and replayed
   * when it resumes, as Discord does. Returns the shard ids that received (or will receive) the event.
   */
  dispatch(t: string, d: Json, guildId: string | null, filter?: DeliveryFilter): number[] {
    const shards: number[] = [];
    for (const session of this.sessionsFor(guildId)) {
      const shaped = filter ? filter(d, this.#info(session)) : d;
      if (shaped === null) continue;
      this.#dispatchTo(session, t, shaped);
      shards.push(session.shardId);
    }
    return shards;
  }

  /** Closes a shard's socket (default 4000, which discord.js answers with RESUME). The session stays resumable. */
  disconnect(shardId: number, code: number = CloseCode.UnknownError): void {
    const session = this.#requireSession(shardId);
    session.socket?.close(code, 'fake-discord: disconnect requested by the test');
    session.socket = null;
  }

  /** Sends op 9: with resumable=false the session is gone and the client must IDENTIFY again. */
  invalidateSession(shardId: number, resumable = false): void {
    const session = this.#requireSession(shardId);
    if (!resumable) session.ended = true;
    this.#send(session.socket, { op: Op.InvalidSession, d: resumable, s: null, t: null }, session);
  }

  /** Sends op 7 Reconnect: the client closes and resumes. */
  requestReconnect(shardId: number): void {
    const session = this.#requireSession(shardId);
    this.#send(session.socket, { op: Op.Reconnect, d: null, s: null, t: null }, session);
  }

  async close(): Promise<void> {
    const wss = this.#wss;
    if (!wss) return;
    for (const socket of wss.clients) socket.terminate();
    await new Promise<void>((resolve) => wss.close(() => resolve()));
  }

  #requireSession(shardId: number): Session {
    const session = this.#sessionForShard(shardId);
    if (!session) throw new Error(`fake-discord: no gateway session for shard ${shardId}`);
    return session;
  }

  #info(s: Session): SessionInfo {
    return {
      sessionId: s.id,
      shardId: s.shardId,
      shardCount: s.shardCount,
      intents: s.intents,
      seq: s.seq,
      connected: s.socket !== null,
      resumes: s.resumes,
    };
  }

  #onConnection(socket: WebSocket, rawUrl: string): void {
    const query = new URL(rawUrl, 'ws://fake').searchParams;
    if (query.get('v') !== null && query.get('v') !== '10') {
      socket.close(CloseCode.InvalidApiVersion, 'Invalid API version');
      return;
    }
    const compress = query.get('compress');
    if ((query.get('encoding') ?? 'json') !== 'json' || (compress !== null && compress !== 'zlib-stream')) {
      // ETF and zstd-stream are not implemented: refuse loudly rather than send frames the client cannot read.
      socket.close(CloseCode.DecodeError, 'fake-discord supports encoding=json with no compress or zlib-stream');
      return;
    }
    if (compress === 'zlib-stream') this.#compressed.set(socket, new ZlibStreamWriter(socket));
    this.#send(socket, {
      op: Op.Hello,
      d: { heartbeat_interval: this.#options.heartbeatIntervalMs },
      s: null,
      t: null,
    });
    socket.on('message', (raw, isBinary) => this.#onMessage(socket, raw.toString(), isBinary));
    socket.on('close', (code) => {
      const session = this.#identified.get(socket);
      if (!session || session.socket !== socket) return;
      session.socket = null;
      // A client closing with 1000/1001 ends its session on Discord; any other code keeps it resumable.
      if (code === 1000 || code === 1001) session.ended = true;
    });
    socket.on('error', () => {});
  }

  #onMessage(socket: WebSocket, raw: string, isBinary: boolean): void {
    let payload: { op?: unknown; d?: unknown };
    try {
      if (isBinary) throw new Error('binary (ETF) payloads are not supported');
      payload = JSON.parse(raw) as { op?: unknown; d?: unknown };
    } catch {
      socket.close(CloseCode.DecodeError, 'Error while decoding payload');
      return;
    }
    const session = this.#identified.get(socket) ?? null;
    const op = typeof payload.op === 'number' ? payload.op : -1;
    this.#recordFrame(
      'in',
      session,
      op,
      null,
      null,
      op === Op.Identify || op === Op.Resume ? redactToken(payload.d) : payload.d,
    );
    const d = (payload.d ?? {}) as Json;
    switch (op) {
      case Op.Heartbeat:
        this.#send(socket, { op: Op.HeartbeatAck, d: null, s: null, t: null }, session);
        return;
      case Op.Identify:
        this.#identify(socket, d);
        return;
      case Op.Resume:
        this.#resume(socket, d);
        return;
      case Op.RequestGuildMembers:
        if (session) this.#membersChunk(session, d);
        else socket.close(CloseCode.NotAuthenticated, 'Not authenticated');
        return;
      case Op.PresenceUpdate:
      case Op.VoiceStateUpdate:
        if (!session) socket.close(CloseCode.NotAuthenticated, 'Not authenticated');
        return;
      default:
        socket.close(CloseCode.UnknownOpcode, 'Unknown opcode');
    }
  }

  #identify(socket: WebSocket, d: Json): void {
    const [shardId, shardCount] = Array.isArray(d.shard) ? (d.shard as number[]) : [0, 1];
    const tokenOk = d.token === this.#options.token;
    const intents = typeof d.intents === 'number' ? d.intents : Number.NaN;
    const record: IdentifyRecord = {
      shardId: shardId ?? 0,
      shardCount: shardCount ?? 1,
      intents,
      tokenOk,
      sessionId: null,
      at: Date.now(),
    };
    const refusal = this.#identifyRefusal(socket, record);
    if (refusal) {
      this.#rec.identifies.push(record);
      socket.close(refusal[0], refusal[1]);
      return;
    }
    const session: Session = {
      id: sessionIdFrom(this.#world.nextId()),
      shardId: record.shardId,
      shardCount: record.shardCount,
      intents,
      seq: 0,
      socket,
      log: [],
      resumes: 0,
      ended: false,
    };
    this.#sessions.set(session.id, session);
    this.#identified.set(socket, session);
    this.#rec.identifies.push({ ...record, sessionId: session.id });
    const owned = this.#world.guilds.filter((g) => shardOf(g.id, session.shardCount) === session.shardId);
    this.#dispatchTo(session, 'READY', {
      v: 10,
      user: { ...userPayload(this.#world.bot), verified: true, mfa_enabled: false, flags: 0 },
      guilds: owned.map((g) => ({ id: g.id, unavailable: true })),
      session_id: session.id,
      session_type: 'normal',
      resume_gateway_url: this.url,
      shard: [session.shardId, session.shardCount],
      application: { id: this.#world.applicationId, flags: 0 },
      private_channels: [],
      presences: [],
      relationships: [],
      guild_join_requests: [],
      user_settings: {},
      geo_ordered_rtc_regions: [],
      _trace: ['["fake-discord",{"micros":0}]'],
    });
    for (const guild of owned) this.#dispatchTo(session, 'GUILD_CREATE', guildCreatePayload(guild, this.#world.bot.id));
  }

  /** The close code and reason Discord would answer this IDENTIFY with, or null when it is accepted. */
  #identifyRefusal(socket: WebSocket, r: IdentifyRecord): [number, string] | null {
    if (this.#identified.has(socket)) return [CloseCode.AlreadyAuthenticated, 'Already authenticated'];
    if (!r.tokenOk) return [CloseCode.AuthenticationFailed, 'Authentication failed'];
    if (!Number.isInteger(r.shardId) || !Number.isInteger(r.shardCount) || r.shardId >= r.shardCount) {
      return [CloseCode.InvalidShard, 'Invalid shard'];
    }
    if (!Number.isInteger(r.intents) || r.intents < 0) return [CloseCode.InvalidIntents, 'Invalid intent(s)'];
    if (r.intents & this.#options.disallowedIntents) return [CloseCode.DisallowedIntents, 'Disallowed intent(s)'];
    return null;
  }

  #resume(socket: WebSocket, d: Json): void {
    const session = typeof d.session_id === 'string' ? this.#sessions.get(d.session_id) : undefined;
    const seq = typeof d.seq === 'number' ? d.seq : 0;
    const record: ResumeRecord = {
      sessionId: String(d.session_id),
      seq,
      ok: false,
      shardId: session?.shardId ?? null,
      replayed: 0,
      at: Date.now(),
    };
    if (d.token !== this.#options.token) {
      this.#rec.resumes.push(record);
      socket.close(CloseCode.AuthenticationFailed, 'Authentication failed');
      return;
    }
    if (!session || session.ended) {
      this.#rec.resumes.push(record);
      this.#send(socket, { op: Op.InvalidSession, d: false, s: null, t: null });
      return;
    }
    if (session.socket && session.socket !== socket) session.socket.terminate();
    session.socket = socket;
    session.resumes++;
    this.#identified.set(socket, session);
    const missed = session.log.filter((e) => e.s > seq);
    for (const e of missed) this.#send(socket, { op: Op.Dispatch, t: e.t, s: e.s, d: e.d }, session);
    this.#rec.resumes.push({ ...record, ok: true, replayed: missed.length });
    this.#dispatchTo(session, 'RESUMED', { _trace: ['["fake-discord",{"micros":0}]'] });
  }

  #membersChunk(session: Session, d: Json): void {
    const guild = typeof d.guild_id === 'string' ? this.#world.guild(d.guild_id) : undefined;
    if (!guild) return;
    const wanted = Array.isArray(d.user_ids) ? new Set(d.user_ids.map(String)) : null;
    const members = guild.members.filter((m) => !wanted || wanted.has(m.id));
    this.#dispatchTo(session, 'GUILD_MEMBERS_CHUNK', {
      guild_id: guild.id,
      members: members.map((m) => memberPayload(m, true)),
      chunk_index: 0,
      chunk_count: 1,
      ...(d.nonce ? { nonce: d.nonce } : {}),
    });
  }

  #dispatchTo(session: Session, t: string, d: unknown): void {
    session.seq++;
    session.log.push({ s: session.seq, t, d });
    if (session.log.length > REPLAY_LIMIT) session.log.shift();
    this.#send(session.socket, { op: Op.Dispatch, t, s: session.seq, d }, session);
  }

  #recordFrame(
    direction: GatewayFrame['direction'],
    session: Session | null,
    op: number,
    t: string | null,
    s: number | null,
    d: unknown,
  ): void {
    if (!this.#options.recordFrames) return;
    const shardId = session?.shardId ?? null;
    this.#rec.frames.push({ direction, shardId, sessionId: session?.id ?? null, op, t, s, d, at: Date.now() });
  }

  #send(
    socket: WebSocket | null,
    payload: { op: number; d: unknown; s: number | null; t: string | null },
    session: Session | null = null,
  ): void {
    // Only frames that really leave are recorded; events kept for a disconnected session appear when replayed.
    if (!socket || socket.readyState !== socket.OPEN) return;
    this.#recordFrame('out', session, payload.op, payload.t, payload.s, payload.d);
    const compressor = this.#compressed.get(socket);
    if (compressor) compressor.send(JSON.stringify(payload));
    else socket.send(JSON.stringify(payload));
  }
}

function redactToken(d: unknown): unknown {
  return d && typeof d === 'object' ? { ...(d as Json), token: '[redacted]' } : d;
}

/** Session ids look like Discord's (32 hex characters); derived from a snowflake so they are unique per fake. */
function sessionIdFrom(seed: string): string {
  return BigInt(seed).toString(16).padStart(32, '0').slice(-32);
}
