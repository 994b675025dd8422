package io.quiver.bench;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link NullServingServer} as a child JVM with serving's heap and GC ({@code -Xmx256m
 * -XX:+UseSerialGC}), on the bench's own class path, stopped with the bench.
 */
final class NullServer implements AutoCloseable {
  private final Process process;
  private final int port;

  private NullServer(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  static NullServer start() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    List<String> command =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx256m",
            "-XX:+UseSerialGC",
            "-cp",
            classPath(),
            NullServingServer.class.getName(),
            Integer.toString(port));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
    BufferedReader out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    for (String line = out.readLine(); ; line = out.readLine()) {
      if (line == null) {
        throw new IllegalStateException("null gRPC server exited before it was ready");
      }
      if (line.startsWith("null gRPC server ready")) {
        return new NullServer(process, port);
      }
    }
  }

  long pid() {
    return process.pid();
  }

  int port() {
    return port;
  }

  /** The bench's class path, also under exec:java (whose class loader holds it, not the JVM's). */
  private static String classPath() {
    if (NullServer.class.getClassLoader() instanceof URLClassLoader loader
        && loader.getURLs().length > 1) {
      List<String> entries = new ArrayList<>();
      for (var url : loader.getURLs()) {
        try {
          entries.add(Path.of(url.toURI()).toString());
        } catch (URISyntaxException e) {
          throw new IllegalStateException(e);
        }
      }
      return String.join(File.pathSeparator, entries);
    }
    return System.getProperty("java.class.path");
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }
}
