import { describe, expect, it, vi } from "vitest";
import { RealtimeConnection, type RealtimeDeps, type SocketLike } from "./realtime";

class FakeSocket implements SocketLike {
  onopen: SocketLike["onopen"] = null;
  onmessage: SocketLike["onmessage"] = null;
  onclose: SocketLike["onclose"] = null;
  onerror: SocketLike["onerror"] = null;
  closed: { code?: number | undefined; reason?: string | undefined } | null = null;
  constructor(readonly token: string) {}
  close(code?: number, reason?: string) {
    this.closed = { code, reason };
  }
  open() {
    this.onopen?.({});
  }
  drop(code: number, reason = "") {
    this.onclose?.({ code, reason });
  }
  send(data: unknown) {
    this.onmessage?.({ data: JSON.stringify(data) });
  }
}

function setup(over: Partial<RealtimeDeps> = {}) {
  const sockets: FakeSocket[] = [];
  const timers: { fn: () => void; ms: number; id: number }[] = [];
  let token = "t1";
  let nextId = 1;
  const refreshToken = vi.fn(() => {
    token = `t${Number(token.slice(1)) + 1}`;
    return Promise.resolve(token);
  });
  const conn = new RealtimeConnection({
    getToken: () => token,
    refreshToken,
    isSessionOver: (e) => e instanceof Error && e.message === "over",
    openSocket: (t) => {
      const s = new FakeSocket(t);
      sockets.push(s);
      return s;
    },
    setTimer: (fn, ms) => {
      const id = nextId++;
      timers.push({ fn, ms, id });
      return id;
    },
    clearTimer: (id) => {
      const i = timers.findIndex((t) => t.id === id);
      if (i >= 0) timers.splice(i, 1);
    },
    random: () => 0,
    ...over,
  });
  /** Run the reconnect timer (not the "stable" one) and let the connect finish. */
  const fire = async () => {
    const t = timers.filter((x) => x.ms !== 10_000).shift();
    if (!t) throw new Error("no reconnect timer");
    timers.splice(timers.indexOf(t), 1);
    t.fn();
    await Promise.resolve();
    await Promise.resolve();
    return t.ms;
  };
  return { conn, sockets, timers, fire, refreshToken, setToken: (t: string) => (token = t) };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe("RealtimeConnection", () => {
  it("opens one socket with the access token and hands on events", async () => {
    const { conn, sockets } = setup();
    const events: unknown[] = [];
    conn.onEvent((e) => events.push(e));
    conn.start();
    conn.start();
    await flush();
    expect(sockets).toHaveLength(1);
    expect(sockets[0]?.token).toBe("t1");
    sockets[0]?.open();
    expect(conn.status).toBe("open");
    sockets[0]?.send({ type: "notification", notification: { id: "n1" }, unread_count: 2 });
    sockets[0]?.send({ type: "unknown" });
    expect(events).toEqual([{ type: "notification", notification: { id: "n1" }, unread_count: 2 }]);
  });

  it("renews the token and reconnects at once when closed with 1008", async () => {
    const { conn, sockets, fire, refreshToken } = setup();
    conn.start();
    await flush();
    sockets[0]?.open();
    sockets[0]?.drop(1008, "token expired");
    expect(conn.status).toBe("waiting");
    expect(await fire()).toBe(0);
    await flush();
    expect(refreshToken).toHaveBeenCalledTimes(1);
    expect(sockets[1]?.token).toBe("t2");
  });

  it("uses a token another request already renewed instead of refreshing again", async () => {
    const { conn, sockets, fire, refreshToken, setToken } = setup();
    conn.start();
    await flush();
    sockets[0]?.drop(1008, "token expired");
    setToken("t9");
    await fire();
    await flush();
    expect(refreshToken).not.toHaveBeenCalled();
    expect(sockets[1]?.token).toBe("t9");
  });

  it("waits longer after each failed attempt, and starts over once a socket stays open", async () => {
    const { conn, sockets, fire, timers } = setup();
    conn.start();
    await flush();
    sockets[0]?.drop(1006);
    expect(await fire()).toBe(1000);
    sockets[1]?.drop(1006);
    expect(await fire()).toBe(2000);
    sockets[2]?.drop(1006);
    expect(await fire()).toBe(4000);
    sockets[3]?.open();
    // Healthy for 10 s: the next drop waits 1 s again.
    const stable = timers.find((t) => t.ms === 10_000);
    stable?.fn();
    sockets[3]?.drop(1006);
    expect(await fire()).toBe(1000);
  });

  it("says when it reopened after a drop, so missed events can be fetched", async () => {
    const { conn, sockets, fire } = setup();
    const opens: boolean[] = [];
    conn.onOpen((re) => opens.push(re));
    conn.start();
    await flush();
    sockets[0]?.open();
    sockets[0]?.drop(1006);
    await fire();
    sockets[1]?.open();
    expect(opens).toEqual([false, true]);
  });

  it("stops for good when the session is over", async () => {
    const { conn, sockets, fire } = setup({
      refreshToken: () => Promise.reject(new Error("over")),
    });
    conn.start();
    await flush();
    sockets[0]?.drop(1008, "token expired");
    await fire();
    await flush();
    expect(conn.status).toBe("stopped");
    expect(sockets).toHaveLength(1);
  });

  it("closes the socket and plans nothing more on stop", async () => {
    const { conn, sockets, timers } = setup();
    conn.start();
    await flush();
    sockets[0]?.open();
    conn.stop();
    expect(sockets[0]?.closed).toEqual({ code: 1000, reason: "signed out" });
    expect(timers).toHaveLength(0);
    expect(conn.status).toBe("stopped");
  });

  it("reconnects at once when the browser comes back online", async () => {
    const { conn, sockets, timers } = setup();
    conn.start();
    await flush();
    sockets[0]?.drop(1006);
    expect(conn.status).toBe("waiting");
    conn.wake();
    await flush();
    expect(sockets).toHaveLength(2);
    expect(timers.filter((t) => t.ms !== 10_000)).toHaveLength(0);
  });
});
