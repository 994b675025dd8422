package io.quiver.devstack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/** Real PostgreSQL from zonky's binaries, with the services' and the catalog's databases. */
final class LocalPostgres implements LocalServer {
  static final String DATABASE = "quiver";
  static final String CATALOG_DATABASE = "quiver_catalog";
  static final String USER = "postgres";
  static final String PASSWORD = "postgres";

  private final EmbeddedPostgres postgres;
  private final Path dir;
  private final ProcessHandle postmaster;
  private final OrphanGuard guard;

  private LocalPostgres(EmbeddedPostgres postgres, Path dir) {
    this.postgres = postgres;
    this.dir = dir;
    this.postmaster = postmaster(dir.resolve("data"));
    // INT is PostgreSQL's fast shutdown: it does not wait for clients to leave.
    this.guard = OrphanGuard.watch(postmaster.pid(), "INT");
  }

  static LocalPostgres start() {
    Path dir = WorkDir.create("postgres");
    EmbeddedPostgres postgres = null;
    try {
      postgres =
          EmbeddedPostgres.builder()
              .setPort(Loopback.freePort())
              .setDataDirectory(dir.resolve("data"))
              .setCleanDataDirectory(true)
              .setRegisterShutdownHook(false)
              .setServerConfig("listen_addresses", Loopback.HOST)
              .start();
      createDatabases(postgres);
      return new LocalPostgres(postgres, dir);
    } catch (IOException | SQLException | RuntimeException e) {
      stopQuietly(postgres);
      WorkDir.delete(dir);
      throw new IllegalStateException("PostgreSQL did not start: " + e.getMessage(), e);
    }
  }

  JdbcUrl url() {
    return new JdbcUrl(
        "jdbc:postgresql://" + Loopback.HOST + ":" + postgres.getPort() + "/" + DATABASE,
        USER,
        PASSWORD);
  }

  JdbcUrl catalogUrl() {
    return url().withDatabase(CATALOG_DATABASE);
  }

  @Override
  public Path dir() {
    return dir;
  }

  @Override
  public List<ProcessHandle> processes() {
    return List.of(postmaster);
  }

  @Override
  public void close() {
    try {
      postgres.close();
      awaitExit();
    } catch (IOException e) {
      throw new UncheckedIOException("PostgreSQL did not stop", e);
    } finally {
      guard.close();
      WorkDir.delete(dir);
    }
  }

  /**
   * pg_ctl's fast stop returns once the server accepted the request, not once the postmaster is
   * gone; a stopped stack must leave no process, so wait for it, and kill it if it lingers.
   */
  private void awaitExit() {
    try {
      postmaster.onExit().get(15, java.util.concurrent.TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      postmaster.destroyForcibly();
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException("waiting for PostgreSQL to exit failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void stopQuietly(EmbeddedPostgres postgres) {
    try {
      if (postgres != null) {
        postgres.close();
      }
    } catch (IOException | RuntimeException e) {
      // Already failing to start; the start error is the one worth reporting.
    }
  }

  private static void createDatabases(EmbeddedPostgres postgres) throws SQLException {
    try (Connection connection = postgres.getPostgresDatabase().getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE " + DATABASE);
      // The Iceberg catalog gets a database of its own: see STACK.md.
      statement.execute("CREATE DATABASE " + CATALOG_DATABASE);
    }
  }

  /** The first line of postmaster.pid is the server's PID. */
  private static ProcessHandle postmaster(Path dataDir) {
    try {
      long pid =
          Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).trim());
      return ProcessHandle.of(pid).orElseThrow();
    } catch (IOException e) {
      throw new UncheckedIOException("PostgreSQL wrote no postmaster.pid", e);
    }
  }
}
