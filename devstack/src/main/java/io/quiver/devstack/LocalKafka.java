package io.quiver.devstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * A real Kafka broker, combined broker and controller in KRaft mode, in a child JVM: its Scala and
 * server jars stay off the caller's classpath (a Quarkus test's, the CLI's).
 */
final class LocalKafka implements LocalServer {
  private static final String CHILD_MAIN = "io.quiver.devstack.KafkaChildMain";
  private static final String CLASSPATH_RESOURCE = "kafka.classpath";

  private final Process process;
  private final int port;
  private final Path dir;

  private LocalKafka(Process process, int port, Path dir) {
    this.process = process;
    this.port = port;
    this.dir = dir;
  }

  static LocalKafka start() {
    Path dir = WorkDir.create("kafka");
    int port = Loopback.freePort();
    try {
      Path properties = writeServerProperties(dir, port, Loopback.freePort());
      String classpath = childClasspath(dir);
      format(classpath, properties, dir);
      Process process =
          java(
                  classpath,
                  dir,
                  CHILD_MAIN,
                  ready(dir).toString(),
                  bootstrap(port),
                  properties.toString())
              .start();
      LocalKafka kafka = new LocalKafka(process, port, dir);
      Processes.await(process, "Kafka", log(dir), () -> Files.exists(ready(dir)));
      return kafka;
    } catch (IOException | RuntimeException e) {
      WorkDir.delete(dir);
      throw new IllegalStateException("Kafka did not start: " + e.getMessage(), e);
    }
  }

  String bootstrap() {
    return bootstrap(port);
  }

  @Override
  public Path dir() {
    return dir;
  }

  @Override
  public List<ProcessHandle> processes() {
    return List.of(process.toHandle());
  }

  @Override
  public void close() {
    Processes.stop(process);
    WorkDir.delete(dir);
  }

  private static Path writeServerProperties(Path dir, int port, int controllerPort)
      throws IOException {
    String properties =
        String.join(
            "\n",
            "process.roles=broker,controller",
            "node.id=1",
            "controller.quorum.voters=1@" + Loopback.HOST + ":" + controllerPort,
            "listeners=PLAINTEXT://"
                + bootstrap(port)
                + ",CONTROLLER://"
                + Loopback.HOST
                + ":"
                + controllerPort,
            "advertised.listeners=PLAINTEXT://" + bootstrap(port),
            "controller.listener.names=CONTROLLER",
            "inter.broker.listener.name=PLAINTEXT",
            "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
            "log.dirs=" + dir.resolve("logs"),
            "num.partitions=1",
            "auto.create.topics.enable=true",
            // One node: every internal topic must fit on it.
            "offsets.topic.replication.factor=1",
            "offsets.topic.num.partitions=1",
            "transaction.state.log.replication.factor=1",
            "transaction.state.log.min.isr=1",
            "share.coordinator.state.topic.replication.factor=1",
            "share.coordinator.state.topic.min.isr=1",
            // Tests create consumer groups often; waiting for more members only slows them.
            "group.initial.rebalance.delay.ms=0",
            "");
    return Files.writeString(dir.resolve("server.properties"), properties);
  }

  /** KRaft needs formatted storage with a cluster id before the first start. */
  private static void format(String classpath, Path properties, Path dir) throws IOException {
    Process format =
        java(
                classpath,
                dir,
                "kafka.tools.StorageTool",
                "format",
                "-t",
                clusterId(),
                "-c",
                properties.toString())
            .start();
    try {
      if (format.waitFor() != 0) {
        throw new IllegalStateException(
            "kafka-storage format failed: " + Files.readString(log(dir)));
      }
    } catch (InterruptedException e) {
      format.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while formatting Kafka storage", e);
    }
  }

  private static ProcessBuilder java(String classpath, Path dir, String main, String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of("-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
    command.addAll(List.of("-Djava.io.tmpdir=" + dir, "-cp", classpath, main));
    command.addAll(List.of(args));
    // stdin stays a pipe to us: the child halts when it closes.
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log(dir).toFile()));
  }

  /**
   * The child main's class file copied into the work dir, then Kafka's jars as resolved at build
   * time: copying works whatever class loader (Quarkus, surefire) loaded this class.
   */
  private static String childClasspath(Path dir) throws IOException {
    String classFile = CHILD_MAIN.replace('.', '/') + ".class";
    Path classes = dir.resolve("classes");
    Path target = classes.resolve(classFile);
    Files.createDirectories(target.getParent());
    try (InputStream in = resource(classFile.substring(classFile.lastIndexOf('/') + 1))) {
      Files.copy(in, target);
    }
    try (InputStream in = resource(CLASSPATH_RESOURCE)) {
      String jars = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
      return classes + java.io.File.pathSeparator + jars;
    }
  }

  private static InputStream resource(String name) {
    InputStream in = LocalKafka.class.getResourceAsStream(name);
    if (in == null) {
      throw new UncheckedIOException(
          new IOException("missing resource io/quiver/devstack/" + name + "; rebuild devstack"));
    }
    return in;
  }

  /**
   * Kafka's cluster id format: a random UUID, URL-safe base64 without padding. Never one starting
   * with '-' (one in 64): the storage tool's argument parser takes it for an option and fails, as
   * Kafka's own {@code Uuid.randomUuid} avoids too.
   */
  static String clusterId() {
    while (true) {
      UUID uuid = UUID.randomUUID();
      ByteBuffer bytes = ByteBuffer.allocate(16);
      bytes.putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
      String id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
      if (!id.startsWith("-")) {
        return id;
      }
    }
  }

  private static String bootstrap(int port) {
    return Loopback.HOST + ":" + port;
  }

  private static Path ready(Path dir) {
    return dir.resolve("ready");
  }

  private static Path log(Path dir) {
    return dir.resolve("kafka.log");
  }
}
