// One WebSocket per signed-in tab: it receives new and edited messages and notifications,
// renews the access token when the server closes it for one (1008), and comes back after
// network drops with growing waits. Framework-free, so it is tested with a fake socket.
import { parseSocketEvent, reconnectDelay, type SocketEvent } from "./messaging";

/** The part of the browser's WebSocket this uses. */
export interface SocketLike {
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: { code: number; reason: string }) => void) | null;
  onerror: ((event: unknown) => void) | null;
  close(code?: number, reason?: string): void;
}

export interface RealtimeDeps {
  getToken: () => string | null;
  /** A fresh access token; rejects with `ended` true when the session is over. */
  refreshToken: () => Promise<string>;
  isSessionOver: (error: unknown) => boolean;
  openSocket: (token: string) => SocketLike;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (id: unknown) => void;
  random?: () => number;
}

export type RealtimeStatus = "connecting" | "open" | "waiting" | "stopped";

/** A socket open this long counts as healthy: the next drop starts the waits from 1 s again. */
const STABLE_MS = 10_000;
/** Code the server closes with for a bad or expired token. */
const POLICY_VIOLATION = 1008;

export class RealtimeConnection {
  private socket: SocketLike | null = null;
  private attempt = 0;
  private timer: unknown = null;
  private stableTimer: unknown = null;
  private needsFreshToken = false;
  private lastToken: string | null = null;
  private everOpened = false;
  private statusValue: RealtimeStatus = "stopped";
  private readonly eventListeners = new Set<(event: SocketEvent) => void>();
  private readonly openListeners = new Set<(reconnected: boolean) => void>();
  private readonly statusListeners = new Set<() => void>();
  private readonly setTimer: (fn: () => void, ms: number) => unknown;
  private readonly clearTimer: (id: unknown) => void;

  constructor(private readonly deps: RealtimeDeps) {
    this.setTimer = deps.setTimer ?? ((fn, ms) => globalThis.setTimeout(fn, ms));
    this.clearTimer = deps.clearTimer ?? ((id) => globalThis.clearTimeout(id as ReturnType<typeof setTimeout>));
  }

  get status(): RealtimeStatus {
    return this.statusValue;
  }

  getStatus = (): RealtimeStatus => this.statusValue;

  onEvent(listener: (event: SocketEvent) => void): () => void {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }

  /** Told each time the socket opens; `reconnected` after a drop (events may have been missed). */
  onOpen(listener: (reconnected: boolean) => void): () => void {
    this.openListeners.add(listener);
    return () => this.openListeners.delete(listener);
  }

  subscribe = (listener: () => void): (() => void) => {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  };

  start(): void {
    if (this.statusValue !== "stopped") return;
    this.setStatus("connecting");
    void this.connect();
  }

  stop(): void {
    this.setStatus("stopped");
    this.cancelTimers();
    const socket = this.socket;
    this.socket = null;
    if (socket) {
      socket.onclose = null;
      socket.onmessage = null;
      socket.onerror = null;
      socket.onopen = null;
      socket.close(1000, "signed out");
    }
  }

  /** Reconnect at once when waiting (the browser came back online). */
  wake(): void {
    if (this.statusValue !== "waiting") return;
    this.cancelTimers();
    this.setStatus("connecting");
    void this.connect();
  }

  private async connect(): Promise<void> {
    let token = this.deps.getToken();
    // Refused for its token: renew it, unless another request already did.
    const refused = this.needsFreshToken && token === this.lastToken;
    if (!token || refused) {
      try {
        token = await this.deps.refreshToken();
      } catch (error) {
        if (this.statusValue === "stopped") return;
        if (this.deps.isSessionOver(error)) {
          this.stop();
          return;
        }
        this.scheduleReconnect();
        return;
      }
    }
    if (this.statusValue === "stopped") return;
    this.needsFreshToken = false;
    this.lastToken = token;
    let socket: SocketLike;
    try {
      socket = this.deps.openSocket(token);
    } catch {
      this.scheduleReconnect();
      return;
    }
    this.socket = socket;
    socket.onopen = () => {
      const reconnected = this.everOpened;
      this.everOpened = true;
      this.setStatus("open");
      this.stableTimer = this.setTimer(() => {
        this.attempt = 0;
      }, STABLE_MS);
      for (const l of this.openListeners) l(reconnected);
    };
    socket.onmessage = (event) => {
      if (typeof event.data !== "string") return;
      const parsed = parseSocketEvent(event.data);
      if (parsed) for (const l of this.eventListeners) l(parsed);
    };
    socket.onerror = () => {
      // A close event always follows; the reconnect is planned there.
    };
    socket.onclose = (event) => {
      if (this.socket !== socket) return;
      this.socket = null;
      if (this.stableTimer !== null) this.clearTimer(this.stableTimer);
      this.stableTimer = null;
      if (this.statusValue === "stopped") return;
      if (event.code === POLICY_VIOLATION) this.needsFreshToken = true;
      // A token that simply ran out is renewed and reconnected at once, the first time.
      const immediate = event.code === POLICY_VIOLATION && this.attempt === 0;
      this.scheduleReconnect(immediate ? 0 : undefined);
    };
  }

  private scheduleReconnect(delay?: number): void {
    this.setStatus("waiting");
    const wait = delay ?? reconnectDelay(this.attempt, this.deps.random);
    this.attempt += 1;
    this.timer = this.setTimer(() => {
      this.timer = null;
      if (this.statusValue !== "waiting") return;
      this.setStatus("connecting");
      void this.connect();
    }, wait);
  }

  private cancelTimers(): void {
    if (this.timer !== null) this.clearTimer(this.timer);
    if (this.stableTimer !== null) this.clearTimer(this.stableTimer);
    this.timer = null;
    this.stableTimer = null;
  }

  private setStatus(status: RealtimeStatus): void {
    if (this.statusValue === status) return;
    this.statusValue = status;
    for (const l of this.statusListeners) l();
  }
}
