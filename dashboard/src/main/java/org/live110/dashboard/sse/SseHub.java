package org.live110.dashboard.sse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
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
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
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
 * data:} line. Each frame is serialized once and shared by all clients.
 *
 * <p>Back-pressure: every client has a bounded queue and its own writer thread; the coalescer only
 * offers, so a slow client overflows its own queue and is dropped (its connection torn down) and a
 * dead one fails its next write (at the latest the keep-alive) and is released — never slowing the
 * others. Connections are capped per remote address and in all.
 */
public final class SseHub implements ViewListener, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SseHub.class);

  /** While the campaign clock moves, every scope is re-sent at least this often (pace drifts). */
  static final long FULL_REFRESH_NANOS = TimeUnit.SECONDS.toNanos(5);

  private static final String RETRY_MILLIS = "3000";

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
  private final long keepAliveMillis;
  private final long coalesceMillis;

  private final AtomicLong eventIds = new AtomicLong();
  private final AtomicLong connectionIds = new AtomicLong();

  // Guarded by clientsLock; the coalescer holds it while offering, so a new client's snapshot is
  // ordered before every delta it receives.
  private final Object clientsLock = new Object();
  private final Map<Long, SseConnection> clients = new LinkedHashMap<>();
  private final Map<String, Integer> perAddress = new HashMap<>();
  private boolean closed;

  // Guarded by pendingLock, which is never held while taking another lock (the view calls in).
  private final Object pendingLock = new Object();
  private Set<String> pendingScopes = new LinkedHashSet<>();
  private Set<String> pendingSessions = new LinkedHashSet<>();
  private Map<String, Set<Instant>> pendingBuckets = new LinkedHashMap<>();
  private boolean pendingDeadLetters;

  private Instant lastSentAsOf;
  private long lastFullRefresh = System.nanoTime();

  private final ScheduledExecutorService coalescer;
  private final ThreadPoolExecutor writers;
  private final Map<DropReason, Counter> dropped = new HashMap<>();

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
    this.keepAliveMillis = config.sseKeepAlive().toMillis();
    this.coalesceMillis = config.coalesceInterval().toMillis();
    this.coalescer =
        Executors.newSingleThreadScheduledExecutor(daemon("dashboard-sse-coalescer", null));
    AtomicLong writerNo = new AtomicLong();
    // One thread per client: a write blocked on a slow client holds only that client's thread.
    // Headroom above maxClients covers released clients whose aborted write is still unwinding.
    this.writers =
        new ThreadPoolExecutor(
            0,
            maxClients * 2,
            30,
            TimeUnit.SECONDS,
            new SynchronousQueue<>(),
            daemon("dashboard-sse-writer-", writerNo));
    Gauge.builder("dashboard.sse.clients", this, SseHub::clientCount)
        .description("connected SSE clients")
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

  private static java.util.concurrent.ThreadFactory daemon(String name, AtomicLong counter) {
    return r -> {
      Thread t = new Thread(r, counter == null ? name : name + counter.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /** Starts listening to the view and ticking. */
  public SseHub start() {
    view.addListener(this);
    coalescer.scheduleWithFixedDelay(
        this::tickSafely, coalesceMillis, coalesceMillis, TimeUnit.MILLISECONDS);
    return this;
  }

  public int clientCount() {
    synchronized (clientsLock) {
      return clients.size();
    }
  }

  /**
   * Admits a client: queues its snapshot and starts its writer.
   *
   * @param address the remote address the cap counts by
   */
  public Admission connect(String address, SseSink sink) {
    Objects.requireNonNull(sink, "sink");
    SseConnection conn;
    synchronized (clientsLock) {
      if (closed) {
        return Admission.CLOSED;
      }
      if (clients.size() >= maxClients) {
        return Admission.TOO_MANY;
      }
      if (perAddress.getOrDefault(address, 0) >= maxPerAddress) {
        return Admission.TOO_MANY_FROM_ADDRESS;
      }
      conn =
          new SseConnection(
              connectionIds.incrementAndGet(), address, sink, queueLimit, keepAliveMillis, this);
      String snapshot =
          "retry: " + RETRY_MILLIS + "\n" + frame("snapshot", service.streamSnapshot());
      conn.offer(snapshot);
      clients.put(conn.id(), conn);
      perAddress.merge(address, 1, Integer::sum);
    }
    try {
      writers.execute(conn);
    } catch (RejectedExecutionException e) {
      release(conn, DropReason.SHUTDOWN);
      return Admission.TOO_MANY;
    }
    return Admission.ACCEPTED;
  }

  /** Removes a client and ends its stream; idempotent. */
  void release(SseConnection conn, DropReason reason) {
    boolean removed;
    synchronized (clientsLock) {
      removed = clients.remove(conn.id()) != null;
      if (removed) {
        perAddress.computeIfPresent(conn.address(), (a, n) -> n <= 1 ? null : n - 1);
      }
    }
    if (conn.release(reason == DropReason.QUEUE_FULL) && removed) {
      dropped.get(reason).increment();
      if (reason == DropReason.QUEUE_FULL) {
        LOG.warn(
            "SSE client from {} dropped: it fell {} frames behind", conn.address(), queueLimit);
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
      tick();
    } catch (RuntimeException e) {
      // The scheduler stops a task that throws; a bad tick must not end all streaming.
      LOG.error("SSE tick failed", e);
    }
  }

  /** Sends what changed since the last tick to every client (package-private for tests). */
  void tick() {
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
    List<String> frames = new ArrayList<>(3);
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
    if (!buckets.isEmpty()) {
      Map<String, List<ApiJson.Point>> points = new LinkedHashMap<>();
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
      if (!points.isEmpty()) {
        frames.add(frame("series", new ApiJson.SeriesDelta(points)));
      }
    }
    if (frames.isEmpty()) {
      return;
    }
    String batch = String.join("", frames);
    List<SseConnection> slow = new ArrayList<>();
    synchronized (clientsLock) {
      for (SseConnection c : clients.values()) {
        if (!c.offer(batch)) {
          slow.add(c);
        }
      }
    }
    for (SseConnection c : slow) {
      release(c, DropReason.QUEUE_FULL);
    }
  }

  /** One SSE frame; Jackson escapes control characters, so the data stays on one line. */
  String frame(String event, Object data) {
    String json;
    try {
      json = mapper.writeValueAsString(data);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write SSE " + event, e);
    }
    return "id: " + eventIds.incrementAndGet() + "\nevent: " + event + "\ndata: " + json + "\n\n";
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
    }
    for (SseConnection c : all) {
      release(c, DropReason.SHUTDOWN);
    }
    writers.shutdownNow();
  }
}
