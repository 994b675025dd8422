package io.quiver.serving;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import redis.embedded.core.ExecutableProvider;

/**
 * A redis-server of this test's own (the binary devstack uses), so a test can stop it and start it
 * again on the same port without touching the shared one.
 */
final class OwnRedis {
  private OwnRedis() {}

  static Process start(int port) {
    try {
      Path dir = Files.createTempDirectory("quiver-serving-redis-");
      File binary = ExecutableProvider.newJarResourceProvider(dir.toFile()).get();
      Process p =
          new ProcessBuilder(
                  binary.getAbsolutePath(),
                  "--port",
                  Integer.toString(port),
                  "--bind",
                  "127.0.0.1",
                  "--save",
                  "",
                  "--appendonly",
                  "no",
                  "--dir",
                  dir.toString())
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("redis.log").toFile())
              .start();
      awaitPong(port);
      return p;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** SHUTDOWN NOSAVE: the server exits at once, dropping every connection. */
  static void shutdown(int port) {
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.getOutputStream().write(resp("SHUTDOWN", "NOSAVE"));
      s.getOutputStream().flush();
      s.getInputStream().read(); // EOF once the server is gone
    } catch (IOException e) {
      // already down
    }
  }

  private static void awaitPong(int port) {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (System.nanoTime() < deadline) {
      try (Socket s = new Socket("127.0.0.1", port)) {
        OutputStream out = s.getOutputStream();
        out.write(resp("PING"));
        out.flush();
        InputStream in = s.getInputStream();
        if (in.read() == '+') {
          return;
        }
      } catch (IOException e) {
        // not yet listening
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    throw new IllegalStateException("redis-server on port " + port + " did not answer PING");
  }

  private static byte[] resp(String... args) {
    StringBuilder b = new StringBuilder("*").append(args.length).append("\r\n");
    for (String a : args) {
      b.append('$').append(a.length()).append("\r\n").append(a).append("\r\n");
    }
    return b.toString().getBytes(StandardCharsets.US_ASCII);
  }
}
