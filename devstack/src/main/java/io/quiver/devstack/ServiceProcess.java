package io.quiver.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One of Quiver's own services (a built {@code quarkus-run.jar}) as a child JVM on a free port: how
 * tests talk to a real registry, and how local mode runs the stack. Ready when {@code
 * /q/health/ready} answers 200; dies with this JVM, even on {@code kill -9}.
 */
public final class ServiceProcess implements AutoCloseable {
  private static final String SHARED_PREFIX = "io.quiver.devstack.service.";
  private final String module;
  private final Process process;
  private final OrphanGuard guard;
  private final int port;
  private final Path log;

  private ServiceProcess(String module, Process process, int port, Path log) {
    this.module = module;
    this.process = process;
    this.port = port;
    this.log = log;
    this.guard = OrphanGuard.watch(process.pid(), "KILL");
  }

  /**
   * Starts {@code <root>/<module>/target/quarkus-app/quarkus-run.jar} with {@code env} added to
   * this JVM's environment and {@code QUARKUS_HTTP_PORT} set to a free port; the serial collector
   * unless {@code jvmArgs} choose one.
   */
  public static ServiceProcess start(String module, Map<String, String> env, String... jvmArgs) {
    Path jar = SourceTree.root().resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          jar + " is missing: build the service first (mvn -pl " + module + " -am package)");
    }
    int port = Loopback.freePort();
    Path log = WorkDir.create(module).resolve(module + ".log");
    List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx256m"));
    boolean gcChosen =
        List.of(jvmArgs).stream().anyMatch(a -> a.startsWith("-XX:+Use") && a.endsWith("GC"));
    if (!gcChosen) { // small services on a small machine: no GC threads competing for the cores
      command.add("-XX:+UseSerialGC");
    }
    command.addAll(List.of(jvmArgs));
    command.addAll(List.of("-jar", jar.toString()));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.redirectOutput(log.toFile());
    builder.environment().putAll(env);
    builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
    try {
      ServiceProcess service = new ServiceProcess(module, builder.start(), port, log);
      Processes.await(service.process, module, log, service::ready);
      return service;
    } catch (IOException e) {
      throw new UncheckedIOException("could not start " + module, e);
    }
  }

  /**
   * A service started once per JVM for tests and stopped at exit; later callers (also from another
   * class loader after a Quarkus restart) get the same one's URL.
   */
  public static URI shared(String module, Map<String, String> env) {
    synchronized (SHARED_PREFIX) {
      String known = System.getProperty(SHARED_PREFIX + module);
      if (known == null) {
        ServiceProcess service = start(module, env);
        Runtime.getRuntime().addShutdownHook(new Thread(service::close, "quiver-stop-" + module));
        known = service.url().toString();
        System.setProperty(SHARED_PREFIX + module, known);
      }
      return URI.create(known);
    }
  }

  public URI url() {
    return URI.create("http://" + Loopback.HOST + ":" + port);
  }

  public ProcessHandle handle() {
    return process.toHandle();
  }

  public Path log() {
    return log;
  }

  private boolean ready() {
    HttpRequest request =
        HttpRequest.newBuilder(url().resolve("/q/health/ready"))
            .timeout(Duration.ofSeconds(2))
            .build();
    try {
      return HttpClient.newHttpClient()
              .send(request, HttpResponse.BodyHandlers.discarding())
              .statusCode()
          == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  @Override
  public void close() {
    Processes.stop(process);
    guard.close();
    WorkDir.delete(log.getParent());
  }

  @Override
  public String toString() {
    return module + " at " + url();
  }
}
