package org.live110.dashboard.sse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.live110.dashboard.DashboardConfig;
import org.live110.dashboard.service.ApiJson;
import org.live110.dashboard.service.ProgressService;
import org.live110.dashboard.view.ProgressView;
import org.live110.dashboard.view.ViewListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fans the view's changes out to every SSE client (contract: {@code GET /api/stream}).
 *
 * <p>Inputs: change notices from the {@link ProgressView} (it is a {@link ViewListener}) and new
 * clients from the HTTP layer ({@link #connect}). Outputs: per client, a {@code snapshot} event on
 * connect, then at most once per coalesce interval {@code progress}, {@code sessions} and {@code
 * series} events holding only what changed, each with a growing {@code id:}, JSON on one {@code
 * data:} line. Each tick's frames are serialized once into one read-only buffer that every client's
 * queue shares (no per-client copy); the snapshot too is serialized once and shared by every client
 * that connects before the next tick sends anything.
 *
 * <p>Series subscriptions: a client may ask for the series points of a few scopes only ({@link
 * SeriesSubscription}; by default every scope). Clients with equal (normalized) subscriptions form
 * one group: per tick the {@code progress} and {@code sessions} frames are serialized once for all,
 * the {@code series} frame once per group that has points in it, and each group shares one buffer
 * (the common frames followed by its series frame); a group with nothing new gets nothing. The
 * snapshot is likewise built once per group (its series are the group's scopes). A new client waits
 * (at most one poll of the coalescer, {@value #PACING_POLL_MILLIS} ms, or the tick in progress) in
 * a joining list for the coalescer to give it the snapshot: only the coalescer thread builds
 * frames, so a client's snapshot is ordered before, and never newer than, every delta it gets, and
 * a request thread never waits for a tick being built.
 *
 * <p>Pacing: a tick waits until all but {@link #pacingTolerance} of the clients that are up to date
 * have finished writing the last one — as long as they are finishing: not when none has for {@link
 * #STALL_NANOS} (the rest are stuck, not busy), and never longer than {@link
 * #MAX_PACING_WAIT_NANOS}. Changes meanwhile only accumulate as keys, so when writing to every
 * client takes longer than the coalesce interval (many clients, little CPU), ticks come less often
 * and each carries everything that changed — the same bytes as one tick — instead of queueing tick
 * after tick that every client must write: the delay stays about one round of writes instead of
 * growing.
 *
 * <p>Back-pressure: no thread per client and no blocking write anywhere. Every client has a queue
 * bounded in frames ({@code sseQueueLimit}) and in bytes ({@link #MAX_QUEUED_BYTES}) and at most
 * one non-blocking write in flight; the next write starts when the network has taken the last one.
 * The coalescer only offers, so a slow client overflows its own queue and is dropped (its
 * connection torn down) and a dead one fails its next write (at the latest the keep-alive) and is
 * released — never slowing the others. Connections are capped per remote address and in all.
 */
public final class SseHub implements ViewListener, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SseHub.class);

  /** While the campaign clock moves, every scope is re-sent at least this often (pace drifts). */
  static final long FULL_REFRESH_NANOS = TimeUnit.SECONDS.toNanos(5);

  /**
   * Bytes a client may have queued or in flight before it is dropped as too slow: about 5 s of the
   * busiest stream seen (every scope changing every tick), far more than a healthy client ever
   * holds. The frames are shared, so this bounds how far a client may lag, not the heap per client.
   */
  static final long MAX_QUEUED_BYTES = 4L << 20;

  /** The longest a tick waits for clients still writing the last one. */
  static final long MAX_PACING_WAIT_NANOS = TimeUnit.SECONDS.toNanos(10);

  /** A tick stops waiting when no client has caught up for this long: the rest are stuck. */
  static final long STALL_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

  /** How often the coalescer checks whether the next tick is due, at most. */
  private static final long PACING_POLL_MILLIS = 20;

  private static final String RETRY_MILLIS = "3000";
  private static final ByteBuffer KEEP_ALIVE =
      shared(": keep-alive\n\n".getBytes(StandardCharsets.US_ASCII));

  /** Why a client was released. */
  public enum DropReason {
    CLIENT_GONE("client_gone"),
    QUEUE_FULL("queue_full"),
    SHUTDOWN("shutdown");

    private final String key;

    DropReason(String key) {
      this.key = key;
    }

    public String key() {
      return key;
    }
  }

  /** The outcome of {@link #connect}. */
  public enum Admission {
    ACCEPTED,
    TOO_MANY_FROM_ADDRESS,
    TOO_MANY,
    CLOSED
  }

  private final ProgressService service;
  private final ProgressView view;
  private final ObjectMapper mapper;
  private final int maxPerAddress;
  private final int maxClients;
  private final int queueLimit;
  private final long maxQueuedBytes;
  private final long keepAliveMillis;
  private final long coalesceMillis;

  private final AtomicLong eventIds = new AtomicLong();
  private final AtomicLong connectionIds = new AtomicLong();

  // Guarded by clientsLock. Admitted clients wait in joining until the coalescer thread gives them
  // the snapshot and moves them to clients.
  private final Object clientsLock = new Object();
  private final Map<Long, SseConnection> clients = new LinkedHashMap<>();
  private final List<SseConnection> joining = new ArrayList<>();
  private final Map<String, Integer> perAddress = new HashMap<>();
  private boolean closed;
  // Clients held (joining included) per series subscription: the groups a tick builds frames for.
  private final Map<SeriesSubscription, Integer> subscribers = new HashMap<>();
  // Per subscription, the snapshot frame of the view as it is now; dropped whenever a tick sends
  // something.
  private final Map<SeriesSubscription, ByteBuffer> snapshotFrames = new HashMap<>();

  // Guarded by pendingLock, which is never held while taking another lock (the view calls in).
  private final Object pendingLock = new Object();
  private Set<String> pendingScopes = new LinkedHashSet<>();
  private Set<String> pendingSessions = new LinkedHashSet<>();
  private Map<String, Set<Instant>> pendingBuckets = new LinkedHashMap<>();
  private boolean pendingDeadLetters;

  private Instant lastSentAsOf;
  private long lastFullRefresh = System.nanoTime();
  private long lastTick = System.nanoTime();
  private volatile long lastCaughtUp = System.nanoTime();

  private final ScheduledExecutorService coalescer;
  private final Map<DropReason, Counter> dropped = new HashMap<>();
  private final Counter seriesFramesSerialized;
  private final Counter snapshotsSerialized;

  public SseHub(
      ProgressService service,
      ProgressView view,
      ObjectMapper mapper,
      DashboardConfig config,
      MeterRegistry meters) {
    this.service = service;
    this.view = view;
    this.mapper = mapper;
    this.maxPerAddress = config.sseMaxClientsPerAddress();
    this.maxClients = config.sseMaxClients();
    this.queueLimit = config.sseQueueLimit();
    this.maxQueuedBytes = MAX_QUEUED_BYTES;
    this.keepAliveMillis = config.sseKeepAlive().toMillis();
    this.coalesceMillis = config.coalesceInterval().toMillis();
    // One thread builds the ticks, offers them and starts the writes (none of which blocks); the
    // rest of every write completes on the server's own network threads.
    this.coalescer = Executors.newSingleThreadScheduledExecutor(daemon("dashboard-sse-coalescer"));
    Gauge.builder("dashboard.sse.clients", this, SseHub::clientCount)
        .description("connected SSE clients")
        .register(meters);
    Gauge.builder("dashboard.sse.series.subscriptions", this, SseHub::subscriptionCount)
        .description("distinct series subscriptions among the connected SSE clients")
        .register(meters);
    this.seriesFramesSerialized =
        Counter.builder("dashboard.sse.series.frames.serialized")
            .description(
                "SSE series frames serialized: at most one per distinct subscription a tick")
            .register(meters);
    this.snapshotsSerialized =
        Counter.builder("dashboard.sse.snapshots.serialized")
            .description(
                "SSE snapshots serialized: at most one per distinct subscription between ticks")
            .register(meters);
    for (DropReason r : DropReason.values()) {
      dropped.put(
          r,
          Counter.builder("dashboard.sse.released")
              .description("SSE clients released, by reason")
              .tag("reason", r.key())
              .register(meters));
    }
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }

  /** A read-only direct buffer of {@code bytes}: written to every socket without another copy. */
  private static ByteBuffer shared(byte[]... parts) {
    int size = 0;
    for (byte[] p : parts) {
      size += p.length;
    }
    ByteBuffer b = ByteBuffer.allocateDirect(size);
    for (byte[] p : parts) {
      b.put(p);
    }
    return b.flip().asReadOnlyBuffer();
  }

  /** Starts listening to the view and ticking. */
  public SseHub start() {
    view.addListener(this);
    long poll = Math.min(coalesceMillis, PACING_POLL_MILLIS);
    coalescer.scheduleWithFixedDelay(this::tickSafely, poll, poll, TimeUnit.MILLISECONDS);
    // An idle client gets its keep-alive between 1 and 1.25 keep-alive intervals after its last
    // write.
    long sweep = Math.max(1, keepAliveMillis / 4);
    coalescer.scheduleWithFixedDelay(this::keepAliveSafely, sweep, sweep, TimeUnit.MILLISECONDS);
    return this;
  }

  public int clientCount() {
    synchronized (clientsLock) {
      return clients.size() + joining.size();
    }
  }

  /** Distinct series subscriptions among the clients held. */
  public int subscriptionCount() {
    synchronized (clientsLock) {
      return subscribers.size();
    }
  }

  /** Admits a client that gets every scope's series ({@link SeriesSubscription#EVERY_SCOPE}). */
  public Admission connect(String address, SseSink sink) {
    return connect(address, SeriesSubscription.EVERY_SCOPE, sink);
  }

  /**
   * Admits a client; the coalescer gives it its snapshot within one poll and writes it (nobody
   * waits for that).
   *
   * @param address the remote address the cap counts by
   * @param series whose series points it gets
   */
  public Admission connect(String address, SeriesSubscription series, SseSink sink) {
    Objects.requireNonNull(sink, "sink");
    Objects.requireNonNull(series, "series");
    SseConnection conn;
    synchronized (clientsLock) {
      if (closed) {
        return Admission.CLOSED;
      }
      if (clients.size() + joining.size() >= maxClients) {
        return Admission.TOO_MANY;
      }
      if (perAddress.getOrDefault(address, 0) >= maxPerAddress) {
        return Admission.TOO_MANY_FROM_ADDRESS;
      }
      conn =
          new SseConnection(
              connectionIds.incrementAndGet(),
              address,
              series,
              sink,
              queueLimit,
              maxQueuedBytes,
              this);
      joining.add(conn);
      perAddress.merge(address, 1, Integer::sum);
      subscribers.merge(series, 1, Integer::sum);
    }
    return Admission.ACCEPTED;
  }

  /**
   * Gives every joining client the snapshot of its subscription (built once per subscription,
   * shared) and starts writing it; runs on the coalescer thread, before any tick. Package-private
   * for tests.
   */
  void admitJoining() {
    List<SseConnection> admitted;
    synchronized (clientsLock) {
      if (joining.isEmpty()) {
        return;
      }
      admitted = new ArrayList<>(joining);
      joining.clear();
      for (SseConnection c : admitted) {
        c.offer(snapshotFrames.computeIfAbsent(c.subscription(), this::snapshotFrame));
        clients.put(c.id(), c);
      }
    }
    for (SseConnection c : admitted) {
      c.pump();
    }
  }

  /** The snapshot frame for one subscription, with the retry hint in front. */
  private ByteBuffer snapshotFrame(SeriesSubscription series) {
    List<String> seriesScopes =
        series.everyScope() ? ProgressService.AGGREGATE_SCOPES : series.scopes();
    snapshotsSerialized.increment();
    return shared(
        ("retry: " + RETRY_MILLIS + "\n").getBytes(StandardCharsets.US_ASCII),
        frame("snapshot", service.streamSnapshot(seriesScopes)));
  }

  /** Removes a client and ends its stream; idempotent. */
  void release(SseConnection conn, DropReason reason) {
    boolean removed;
    synchronized (clientsLock) {
      removed = clients.remove(conn.id()) != null || joining.remove(conn);
      if (removed) {
        perAddress.computeIfPresent(conn.address(), (a, n) -> n <= 1 ? null : n - 1);
        if (subscribers.computeIfPresent(conn.subscription(), (k, n) -> n <= 1 ? null : n - 1)
            == null) {
          // Its last client left: the cache holds snapshots of held subscriptions only, so many
          // distinct subscriptions while the view is idle cannot pile up.
          snapshotFrames.remove(conn.subscription());
        }
      }
    }
    String backlog = reason == DropReason.QUEUE_FULL ? conn.backlog() : null;
    if (conn.release(reason == DropReason.QUEUE_FULL) && removed) {
      dropped.get(reason).increment();
      if (reason == DropReason.QUEUE_FULL) {
        LOG.warn("SSE client from {} dropped: it fell behind by {}", conn.address(), backlog);
      }
    }
  }

  // ---- view changes (called on the view's writer thread; keep it tiny) ----

  @Override
  public void scopeChanged(String scope) {
    synchronized (pendingLock) {
      pendingScopes.add(scope);
    }
  }

  @Override
  public void deadLettersChanged() {
    synchronized (pendingLock) {
      pendingDeadLetters = true;
    }
  }

  @Override
  public void bucketChanged(String scope, Instant minute) {
    synchronized (pendingLock) {
      pendingBuckets.computeIfAbsent(scope, s -> new TreeSet<>()).add(minute);
    }
  }

  @Override
  public void sessionChanged(String sessionId) {
    synchronized (pendingLock) {
      pendingSessions.add(sessionId);
    }
  }

  // ---- coalescing ----

  private void tickSafely() {
    try {
      admitJoining();
      long now = System.nanoTime();
      if (!tickDue(now - lastTick, now - Math.max(lastTick, lastCaughtUp))) {
        return;
      }
      lastTick = now;
      tick();
    } catch (RuntimeException e) {
      // The scheduler stops a task that throws; a bad tick must not end all streaming.
      LOG.error("SSE tick failed", e);
    }
  }

  /**
   * Whether the next tick is due, {@code sinceLastTick} ns after the last one: once per coalesce
   * interval, but not while more than {@link #pacingTolerance} up-to-date clients are still writing
   * the last tick — unless none of them has caught up for {@link #STALL_NANOS} ({@code
   * sinceCaughtUp}: since the last tick or the last client that caught up, whichever is later) or
   * the wait has lasted {@link #MAX_PACING_WAIT_NANOS}. Package-private for tests.
   */
  boolean tickDue(long sinceLastTick, long sinceCaughtUp) {
    if (sinceLastTick < TimeUnit.MILLISECONDS.toNanos(coalesceMillis)) {
      return false;
    }
    return sinceLastTick >= MAX_PACING_WAIT_NANOS
        || sinceCaughtUp >= STALL_NANOS
        || stillWriting() <= pacingTolerance();
  }

  /** A client has written everything it had queued (called on any thread). */
  void caughtUp() {
    lastCaughtUp = System.nanoTime();
  }

  /**
   * Clients that are up to date but have not finished writing: one frame queued or in flight. A
   * client further behind is not waited for (it catches up or overflows its queue and is dropped).
   */
  private int stillWriting() {
    int n = 0;
    synchronized (clientsLock) {
      for (SseConnection c : clients.values()) {
        if (c.pending() == 1) {
          n++;
        }
      }
    }
    return n;
  }

  /** Clients still writing that a tick need not wait for: 0.5 %, at least one. */
  private int pacingTolerance() {
    return Math.max(1, clientCount() / 200);
  }

  /** Sends what changed since the last tick to every client (package-private for tests). */
  void tick() {
    // Built outside the lock (connects need not wait): only this thread builds frames and moves
    // joining clients in, so no client here has a snapshot newer than this batch, and every
    // client's subscription is among those read here (a client that connects meanwhile waits in
    // joining for a snapshot built after this tick).
    Batch batch = nextBatch();
    if (batch == null) {
      return;
    }
    List<SeriesSubscription> groups;
    synchronized (clientsLock) {
      groups = new ArrayList<>(subscribers.keySet());
    }
    Map<SeriesSubscription, ByteBuffer> buffers = batch.buffersFor(groups);
    List<SseConnection> toPump = new ArrayList<>();
    List<SseConnection> slow = new ArrayList<>();
    synchronized (clientsLock) {
      // From now on a new client needs a snapshot that includes this tick.
      snapshotFrames.clear();
      for (SseConnection c : clients.values()) {
        ByteBuffer forGroup = buffers.get(c.subscription());
        if (forGroup == null) {
          continue; // nothing of this tick is for it
        }
        switch (c.offer(forGroup)) {
          case PUMP -> toPump.add(c);
          case FULL -> slow.add(c);
          default -> {}
        }
      }
    }
    for (SseConnection c : slow) {
      release(c, DropReason.QUEUE_FULL);
    }
    for (SseConnection c : toPump) {
      c.pump();
    }
  }

  /**
   * What changed since the last tick: the frames every client gets (progress, sessions), already
   * serialized, and the changed series points of every scope, serialized per subscription on
   * demand.
   */
  private final class Batch {
    private final List<byte[]> common;
    private final Map<String, List<ApiJson.Point>> points;
    private ByteBuffer commonOnly;

    Batch(List<byte[]> common, Map<String, List<ApiJson.Point>> points) {
      this.common = common;
      this.points = points;
    }

    /**
     * One shared buffer per subscription with something in it: the common frames, then the series
     * frame of its scopes (serialized once per subscription); no entry for a subscription with
     * nothing new.
     */
    Map<SeriesSubscription, ByteBuffer> buffersFor(List<SeriesSubscription> groups) {
      Map<SeriesSubscription, ByteBuffer> out = new HashMap<>();
      for (SeriesSubscription g : groups) {
        byte[] series = seriesFrame(g);
        if (series != null) {
          List<byte[]> parts = new ArrayList<>(common);
          parts.add(series);
          out.put(g, shared(parts.toArray(new byte[0][])));
        } else if (!common.isEmpty()) {
          if (commonOnly == null) {
            commonOnly = shared(common.toArray(new byte[0][]));
          }
          out.put(g, commonOnly);
        }
      }
      return out;
    }

    /** The series frame for one subscription, or null when none of its scopes changed. */
    private byte[] seriesFrame(SeriesSubscription g) {
      if (points.isEmpty()) {
        return null;
      }
      Map<String, List<ApiJson.Point>> mine;
      if (g.everyScope()) {
        mine = points;
      } else {
        mine = new LinkedHashMap<>();
        for (String scope : g.scopes()) {
          List<ApiJson.Point> ps = points.get(scope);
          if (ps != null) {
            mine.put(scope, ps);
          }
        }
        if (mine.isEmpty()) {
          return null;
        }
      }
      seriesFramesSerialized.increment();
      return frame("series", new ApiJson.SeriesDelta(mine));
    }
  }

  /** What changed since the last tick; null when nothing. */
  private Batch nextBatch() {
    Set<String> scopes;
    Set<String> sessions;
    Map<String, Set<Instant>> buckets;
    boolean deadLetters;
    synchronized (pendingLock) {
      scopes = pendingScopes;
      sessions = pendingSessions;
      buckets = pendingBuckets;
      deadLetters = pendingDeadLetters;
      pendingScopes = new LinkedHashSet<>();
      pendingSessions = new LinkedHashSet<>();
      pendingBuckets = new LinkedHashMap<>();
      pendingDeadLetters = false;
    }
    Instant asOf = view.asOf();
    long now = System.nanoTime();
    if (asOf != null && !asOf.equals(lastSentAsOf) && now - lastFullRefresh >= FULL_REFRESH_NANOS) {
      // Expected progress and pace of every scope move with the campaign clock, even of scopes
      // with no new events; re-send them all now and then rather than on every tick.
      scopes = new LinkedHashSet<>(service.scopes());
      lastFullRefresh = now;
      lastSentAsOf = asOf;
    }
    List<byte[]> frames = new ArrayList<>(3);
    if (!scopes.isEmpty() || deadLetters) {
      frames.add(frame("progress", service.progressDelta(scopes)));
    }
    if (!sessions.isEmpty()) {
      List<ApiJson.Session> changed = new ArrayList<>();
      for (String id : sessions) {
        view.session(id).ifPresent(s -> changed.add(service.session(s)));
      }
      if (!changed.isEmpty()) {
        frames.add(frame("sessions", new ApiJson.Sessions(changed)));
      }
    }
    Map<String, List<ApiJson.Point>> points = new LinkedHashMap<>();
    if (!buckets.isEmpty()) {
      buckets.forEach(
          (scope, minutes) -> {
            List<ApiJson.Point> ps = new ArrayList<>();
            for (Instant m : minutes) {
              view.bucket(scope, m).ifPresent(b -> ps.add(ProgressService.point(b)));
            }
            if (!ps.isEmpty()) {
              points.put(scope, ps);
            }
          });
    }
    return frames.isEmpty() && points.isEmpty() ? null : new Batch(frames, points);
  }

  private void keepAliveSafely() {
    try {
      long now = System.nanoTime();
      long idle = TimeUnit.MILLISECONDS.toNanos(keepAliveMillis);
      List<SseConnection> toPump = new ArrayList<>();
      synchronized (clientsLock) {
        for (SseConnection c : clients.values()) {
          if (c.keepAliveIfIdle(KEEP_ALIVE, now, idle) == SseConnection.Offer.PUMP) {
            toPump.add(c);
          }
        }
      }
      for (SseConnection c : toPump) {
        c.pump();
      }
    } catch (RuntimeException e) {
      LOG.error("SSE keep-alive failed", e);
    }
  }

  /**
   * One SSE frame, UTF-8; Jackson escapes control characters, so the data stays on one line.
   * Package-private for tests.
   */
  byte[] frame(String event, Object data) {
    byte[] json;
    try {
      json = mapper.writeValueAsBytes(data);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write SSE " + event, e);
    }
    byte[] head =
        ("id: " + eventIds.incrementAndGet() + "\nevent: " + event + "\ndata: ")
            .getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[head.length + json.length + 2];
    System.arraycopy(head, 0, out, 0, head.length);
    System.arraycopy(json, 0, out, head.length, json.length);
    out[out.length - 2] = '\n';
    out[out.length - 1] = '\n';
    return out;
  }

  /** Ends every stream and stops the threads. */
  @Override
  public void close() {
    view.removeListener(this);
    coalescer.shutdownNow();
    List<SseConnection> all;
    synchronized (clientsLock) {
      closed = true;
      all = new ArrayList<>(clients.values());
      all.addAll(joining);
    }
    for (SseConnection c : all) {
      release(c, DropReason.SHUTDOWN);
    }
  }
}
