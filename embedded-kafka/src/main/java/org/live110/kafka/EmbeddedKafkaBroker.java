package org.live110.kafka;

import static java.util.concurrent.TimeUnit.MILLISECONDS;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.CreateTopicsOptions;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;
import org.live110.model.startup.PortCheck;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka broker (KRaft, combined broker and controller) running inside this JVM,
 * for the demo and for tests. Not for production: one replica, plaintext, no authentication.
 *
 * <p>Input: an {@link EmbeddedKafkaConfig}. {@link #start()} formats the log directory on first use
 * and starts the broker; a later broker on the same directory finds every topic and record again,
 * which is what lets the demo survive a crash. Output: {@link #bootstrapServers()} for clients, and
 * topics created by {@link #createTopics(List)}.
 *
 * <pre>{@code
 * var config = EmbeddedKafkaConfig.builder(Path.of("data/kafka")).port(9092).build();
 * try (var broker = new EmbeddedKafkaBroker(config).start()) {
 *   broker.createTopics(List.of(TopicSpec.retainForever("campaign.orders", 4)));
 *   String bootstrap = broker.bootstrapServers(); // "localhost:9092"
 * }
 * }</pre>
 *
 * <p>An instance starts at most once; to restart, close it and start a new one on the same config.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);

  private static final int NODE_ID = 1;
  private static final String META_PROPERTIES = "meta.properties";
  private static final String LOCK_FILE = ".embedded-kafka.lock";
  private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);

  private enum State {
    NEW,
    STARTED,
    CLOSED
  }

  private final EmbeddedKafkaConfig config;
  private State state = State.NEW;
  private int port;
  private int controllerPort;
  private KafkaRaftServer server;
  private Admin admin;
  private FileLock logDirLock;

  /** An unstarted broker; nothing touches the disk or network until {@link #start()}. */
  public EmbeddedKafkaBroker(EmbeddedKafkaConfig config) {
    this.config = config;
  }

  /**
   * Formats the log directory unless it already holds a broker's data, starts the broker and waits
   * until it answers {@code describeCluster}, within {@link EmbeddedKafkaConfig#startTimeout()}.
   *
   * @return this broker, started
   * @throws EmbeddedKafkaException if a port is taken, the directory is in use or cannot be
   *     formatted, or the broker does not answer in time; nothing is left running
   * @throws IllegalStateException if this instance was already started or closed
   */
  public synchronized EmbeddedKafkaBroker start() {
    if (state != State.NEW) {
      throw new IllegalStateException(
          "embedded Kafka broker can only be started once, is " + state);
    }
    long startedAt = System.nanoTime();
    try {
      Path logDir = Files.createDirectories(config.logDir());
      lockLogDir(logDir);
      resolvePorts();
      Properties props = brokerProperties();
      if (!Files.exists(logDir.resolve(META_PROPERTIES))) {
        format(props);
      }
      server = new KafkaRaftServer(new KafkaConfig(props), Time.SYSTEM);
      server.startup();
      admin = Admin.create(adminProperties());
      awaitReady(startedAt);
    } catch (Exception e) {
      stopQuietly();
      state = State.CLOSED;
      throw e instanceof EmbeddedKafkaException ek ? ek : failure(e.getMessage(), e);
    }
    state = State.STARTED;
    LOG.info(
        "Embedded Kafka ready at {} in {} ms (log dir {})",
        bootstrapServers(),
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAt),
        config.logDir());
    return this;
  }

  /** {@code host:port} of the client listener, with the port actually bound. */
  public synchronized String bootstrapServers() {
    return config.host() + ":" + port();
  }

  /** The client port actually bound (differs from the configured one when that was 0). */
  public synchronized int port() {
    if (state != State.STARTED) {
      throw new IllegalStateException("embedded Kafka broker is not started, is " + state);
    }
    return port;
  }

  /** The settings this broker was created with. */
  public EmbeddedKafkaConfig config() {
    return config;
  }

  /**
   * Creates the given topics with replication factor 1. Idempotent: a topic that already exists is
   * left as it is (its partitions and configs are not changed).
   *
   * @throws EmbeddedKafkaException if a topic cannot be created within 30 s
   */
  public synchronized void createTopics(List<TopicSpec> topics) {
    if (state != State.STARTED) {
      throw new IllegalStateException("embedded Kafka broker is not started, is " + state);
    }
    if (topics.isEmpty()) {
      return;
    }
    List<NewTopic> newTopics = new ArrayList<>();
    for (TopicSpec topic : topics) {
      newTopics.add(
          new NewTopic(topic.name(), topic.partitions(), (short) 1).configs(topic.config()));
    }
    var results =
        admin
            .createTopics(
                newTopics, new CreateTopicsOptions().timeoutMs((int) ADMIN_TIMEOUT.toMillis()))
            .values();
    for (var result : results.entrySet()) {
      try {
        result.getValue().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw failure("cannot create topic " + result.getKey(), e.getCause());
        }
      } catch (TimeoutException e) {
        throw failure("timed out creating topic " + result.getKey(), e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw failure("interrupted creating topic " + result.getKey(), e);
      }
    }
    awaitServed(results.keySet());
  }

  /**
   * Returns once the broker serves every topic (its partitions and configs). The controller
   * acknowledges a new topic before the broker has loaded it, and a describe or produce in that gap
   * fails with "This server does not host this topic-partition".
   */
  private void awaitServed(Collection<String> names) {
    List<ConfigResource> configs = new ArrayList<>();
    for (String name : names) {
      configs.add(new ConfigResource(ConfigResource.Type.TOPIC, name));
    }
    long deadline = System.nanoTime() + ADMIN_TIMEOUT.toNanos();
    while (true) {
      try {
        admin.describeTopics(names).allTopicNames().get(ADMIN_TIMEOUT.toMillis(), MILLISECONDS);
        admin.describeConfigs(configs).all().get(ADMIN_TIMEOUT.toMillis(), MILLISECONDS);
        return;
      } catch (ExecutionException | TimeoutException e) {
        if (System.nanoTime() > deadline) {
          throw failure("topics " + names + " not served within " + ADMIN_TIMEOUT, e);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw failure("interrupted waiting for topics " + names, e);
      }
      try {
        Thread.sleep(50); // a short back-off between bounded checks
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw failure("interrupted waiting for topics " + names, e);
      }
    }
  }

  /**
   * Shuts the broker down cleanly and waits for it, within {@link
   * EmbeddedKafkaConfig#closeTimeout()}; after that it logs a warning and returns rather than hang
   * the caller. Idempotent; a no-op if never started.
   */
  @Override
  public synchronized void close() {
    if (state == State.CLOSED) {
      return;
    }
    state = State.CLOSED;
    stopQuietly();
  }

  /**
   * Kafka 4.2 only locks the log dir when the broker half starts, after the controller half of a
   * second broker on the same directory has already opened the metadata log and activated; taking
   * this lock first keeps such a second broker away from the files entirely.
   */
  private void lockLogDir(Path logDir) throws IOException {
    FileChannel channel =
        FileChannel.open(
            logDir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null;
    } catch (IOException e) {
      channel.close();
      throw e;
    }
    if (lock == null) {
      channel.close();
      throw new EmbeddedKafkaException(
          "Embedded Kafka cannot start: log dir "
              + logDir
              + " is in use by another embedded Kafka broker (in this or another process)");
    }
    logDirLock = lock;
  }

  private void resolvePorts() {
    if (config.port() == 0 && config.controllerPort() == 0) {
      int[] free = freePorts(2);
      port = free[0];
      controllerPort = free[1];
    } else if (config.port() == 0) {
      ensureFree("controller", config.controllerPort());
      controllerPort = config.controllerPort();
      port = freePortOtherThan(controllerPort);
    } else if (config.controllerPort() == 0) {
      ensureFree("client", config.port());
      port = config.port();
      controllerPort = freePortOtherThan(port);
    } else {
      ensureFree("client", config.port());
      ensureFree("controller", config.controllerPort());
      port = config.port();
      controllerPort = config.controllerPort();
    }
  }

  private Properties brokerProperties() {
    String host = config.host();
    Properties props = new Properties();
    props.put("process.roles", "broker,controller");
    props.put("node.id", Integer.toString(NODE_ID));
    // A static voter set is stored in the config only, not in the formatted metadata, so the
    // controller may come back on a different free port after a restart.
    props.put("controller.quorum.voters", NODE_ID + "@" + host + ":" + controllerPort);
    props.put(
        "listeners",
        "PLAINTEXT://" + host + ":" + port + ",CONTROLLER://" + host + ":" + controllerPort);
    props.put("advertised.listeners", "PLAINTEXT://" + host + ":" + port);
    props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    props.put("inter.broker.listener.name", "PLAINTEXT");
    props.put("controller.listener.names", "CONTROLLER");
    props.put("log.dirs", config.logDir().toAbsolutePath().toString());
    // One node: every internal topic must accept a single replica or it can never be created.
    props.put("offsets.topic.replication.factor", "1");
    props.put("transaction.state.log.replication.factor", "1");
    props.put("transaction.state.log.min.isr", "1");
    props.put("share.coordinator.state.topic.replication.factor", "1");
    props.put("share.coordinator.state.topic.min.isr", "1");
    props.put("default.replication.factor", "1");
    props.put("min.insync.replicas", "1");
    // The default 50 partitions per internal topic buy nothing on one node and slow the first
    // consumer group and the first transaction.
    props.put("offsets.topic.num.partitions", "1");
    props.put("transaction.state.log.num.partitions", "1");
    props.put("group.initial.rebalance.delay.ms", "0");
    // An auto-created topic would get the 7-day default retention and silently drop events
    // stamped in 2019; failing loudly on an undeclared topic is the better default here.
    props.put("auto.create.topics.enable", "false");
    props.putAll(config.brokerProperties());
    return props;
  }

  private void format(Properties props) throws IOException {
    Path configFile = Files.createTempFile("embedded-kafka-", ".properties");
    try {
      try (OutputStream out = Files.newOutputStream(configFile)) {
        props.store(out, "embedded Kafka broker, used to format " + config.logDir());
      }
      ByteArrayOutputStream output = new ByteArrayOutputStream();
      int exitCode;
      // execute, not main: main ends in System.exit.
      try (PrintStream printStream = new PrintStream(output, true, StandardCharsets.UTF_8)) {
        exitCode =
            StorageTool.execute(
                new String[] {
                  "format",
                  "--cluster-id",
                  Uuid.randomUuid().toString(),
                  "--config",
                  configFile.toString()
                },
                printStream);
      } catch (RuntimeException e) {
        // FormatterException and TerseFailure are thrown, not turned into an exit code.
        throw failure("cannot format log dir: " + e.getMessage(), e);
      }
      if (exitCode != 0) {
        throw failure(
            "cannot format log dir (exit code "
                + exitCode
                + "): "
                + output.toString(StandardCharsets.UTF_8).strip(),
            null);
      }
      LOG.debug("Formatted {}: {}", config.logDir(), output.toString(StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(configFile);
    }
  }

  private Properties adminProperties() {
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.host() + ":" + port);
    props.put(AdminClientConfig.CLIENT_ID_CONFIG, "embedded-kafka-admin");
    return props;
  }

  private void awaitReady(long startedAt) throws InterruptedException {
    long remainingMs =
        config.startTimeout().toMillis()
            - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAt);
    if (remainingMs <= 0) {
      throw failure("broker did not start within " + config.startTimeout(), null);
    }
    Collection<Node> nodes;
    try {
      nodes =
          admin
              .describeCluster(new DescribeClusterOptions().timeoutMs((int) remainingMs))
              .nodes()
              // a little slack so the admin's own timeout, with its clearer message, fires first
              .get(remainingMs + 1_000, TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw failure(
          "broker did not answer describeCluster within " + config.startTimeout(),
          e instanceof ExecutionException ? e.getCause() : e);
    }
    if (nodes.isEmpty()) {
      throw failure("broker answered describeCluster without any broker node", null);
    }
  }

  /** Shuts down whatever part is running, bounded by the close timeout; never throws. */
  private void stopQuietly() {
    if (admin != null) {
      admin.close(Duration.ofSeconds(5));
      admin = null;
    }
    KafkaRaftServer running = server;
    server = null;
    if (running == null) {
      releaseLogDir();
      return;
    }
    long stoppingAt = System.nanoTime();
    Thread stopper =
        new Thread(
            () -> {
              try {
                running.shutdown();
                running.awaitShutdown();
              } catch (RuntimeException e) {
                LOG.warn("Embedded Kafka did not shut down cleanly", e);
              }
            },
            "embedded-kafka-shutdown");
    // A broker stuck in shutdown must not keep the JVM alive after the caller gave up on it.
    stopper.setDaemon(true);
    stopper.start();
    try {
      stopper.join(config.closeTimeout().toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (stopper.isAlive()) {
      // the lock stays held: the stuck broker may still write to the directory
      LOG.warn(
          "Embedded Kafka at {}:{} did not shut down within {}; leaving it behind",
          config.host(),
          port,
          config.closeTimeout());
    } else {
      releaseLogDir();
      LOG.info(
          "Embedded Kafka at {}:{} shut down in {} ms",
          config.host(),
          port,
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stoppingAt));
    }
  }

  private void releaseLogDir() {
    if (logDirLock == null) {
      return;
    }
    try {
      logDirLock.channel().close();
    } catch (IOException e) {
      LOG.warn("Cannot release the lock on {}", config.logDir(), e);
    }
    logDirLock = null;
  }

  private EmbeddedKafkaException failure(String what, Throwable cause) {
    String where =
        port == 0
            ? ""
            : " on " + config.host() + ":" + port + " (controller port " + controllerPort + ")";
    return new EmbeddedKafkaException(
        "Embedded Kafka" + where + ", log dir " + config.logDir() + ": " + what, cause);
  }

  private void ensureFree(String role, int wanted) {
    PortCheck.problem(config.host(), wanted)
        .ifPresent(
            problem -> {
              throw new EmbeddedKafkaException(
                  "Embedded Kafka cannot start: "
                      + role
                      + " "
                      + problem
                      + "; stop the process holding it or configure another port");
            });
  }

  private int freePortOtherThan(int taken) {
    for (int port : freePorts(2)) {
      if (port != taken) {
        return port;
      }
    }
    throw new EmbeddedKafkaException("Embedded Kafka cannot find a free port on " + config.host());
  }

  /**
   * Free ports, all held open together so they differ. Another process may still grab one before
   * Kafka binds it; that shows up as a start failure naming the port.
   */
  private int[] freePorts(int count) {
    List<ServerSocketChannel> channels = new ArrayList<>();
    try {
      int[] ports = new int[count];
      for (int i = 0; i < count; i++) {
        ServerSocketChannel channel = ServerSocketChannel.open();
        channels.add(channel);
        channel.bind(new InetSocketAddress(config.host(), 0));
        ports[i] = ((InetSocketAddress) channel.getLocalAddress()).getPort();
      }
      return ports;
    } catch (IOException | UnresolvedAddressException e) {
      throw new EmbeddedKafkaException(
          "Embedded Kafka cannot find a free port on "
              + config.host()
              + (e instanceof UnresolvedAddressException
                  ? ": the host cannot be resolved"
                  : ": " + e.getMessage()),
          e);
    } finally {
      for (ServerSocketChannel channel : channels) {
        try {
          channel.close();
        } catch (IOException e) {
          LOG.debug("Ignoring failure to close probe socket", e);
        }
      }
    }
  }

  @Override
  public String toString() {
    return "EmbeddedKafkaBroker[" + config.host() + ":" + port + ", " + config.logDir() + "]";
  }
}
