package io.quiver.devstack;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import redis.embedded.core.ExecutableProvider;

/**
 * A real {@code redis-server}: by default the 6.2 binary shipped in embedded-redis, so local mode
 * and CI run the same server; {@code QUIVER_REDIS_SERVER_BINARY} points to another one. We start
 * the binary ourselves to own its process.
 */
final class LocalRedis implements LocalServer {
  static final String BINARY_ENV = "QUIVER_REDIS_SERVER_BINARY";

  private final Process process;
  private final int port;
  private final Path dir;
  private final OrphanGuard guard;

  private LocalRedis(Process process, int port, Path dir) {
    this.process = process;
    this.port = port;
    this.dir = dir;
    this.guard = OrphanGuard.watch(process.pid(), "TERM");
  }

  static LocalRedis start(Map<String, String> env) {
    Path dir = WorkDir.create("redis");
    int port = Loopback.freePort();
    try {
      Process process = startRetryingBusyBinary(command(binary(env, dir), port, dir));
      LocalRedis redis = new LocalRedis(process, port, dir);
      try {
        redis.awaitPong();
      } catch (RuntimeException e) {
        redis.close();
        throw e;
      }
      return redis;
    } catch (IOException | RuntimeException e) {
      WorkDir.delete(dir);
      throw new IllegalStateException("Redis did not start: " + e.getMessage(), e);
    }
  }

  String url() {
    return "redis://" + Loopback.HOST + ":" + port;
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
    guard.close();
    WorkDir.delete(dir);
  }

  private static File binary(Map<String, String> env, Path dir) throws IOException {
    String override = env.get(BINARY_ENV);
    if (override != null && !override.isBlank()) {
      return new File(override);
    }
    return ExecutableProvider.newJarResourceProvider(dir.toFile()).get();
  }

  /**
   * The binary was just written; a process forked meanwhile by another thread (PostgreSQL and Kafka
   * start in parallel) may still hold its write handle, and exec then fails with ETXTBSY until that
   * child execs or exits. A short retry is the standard cure.
   */
  private static Process startRetryingBusyBinary(ProcessBuilder builder) throws IOException {
    for (int attempt = 1; ; attempt++) {
      try {
        return builder.start();
      } catch (IOException e) {
        if (attempt == 10 || !String.valueOf(e.getMessage()).contains("Text file busy")) {
          throw e;
        }
        Processes.sleep(100L * attempt);
      }
    }
  }

  /** No persistence: the stack is for tests and local mode, and its folder is deleted anyway. */
  private static ProcessBuilder command(File binary, int port, Path dir) {
    return new ProcessBuilder(
            binary.getAbsolutePath(),
            "--port",
            String.valueOf(port),
            "--bind",
            Loopback.HOST,
            "--dir",
            dir.toString(),
            "--save",
            "",
            "--appendonly",
            "no")
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("redis.log").toFile());
  }

  private void awaitPong() {
    Processes.await(process, "Redis", dir.resolve("redis.log"), this::pongs);
  }

  private boolean pongs() {
    try (Socket socket = new Socket(Loopback.HOST, port)) {
      OutputStream out = socket.getOutputStream();
      out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      byte[] reply = in.readNBytes(7);
      return new String(reply, StandardCharsets.US_ASCII).equals("+PONG\r\n");
    } catch (IOException e) {
      return false;
    }
  }
}
