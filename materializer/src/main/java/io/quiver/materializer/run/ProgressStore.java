package io.quiver.materializer.run;

import io.agroal.api.AgroalDataSource;
import io.quiver.materializer.pipeline.ViewContext;
import io.quiver.materializer.source.FileRef;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Progress per (view, version, source) as the source's own position — FILE: the files materialized;
 * POSTGRES: a watermark — plus the pending batch written before the Iceberg commit, so a run that
 * died between its commit and its progress update re-runs the very same batch.
 */
@ApplicationScoped
public class ProgressStore {
  private final AgroalDataSource db;

  public ProgressStore(AgroalDataSource db) {
    this.db = db;
  }

  /** A batch whose commit may have happened: its id and its positions (JSON). */
  public record Pending(String batchId, String position) {}

  public Set<String> filesSeen(ViewContext c) {
    return strings(
        "SELECT path FROM materializer.files_seen WHERE project = ? AND view = ? AND version = ?"
            + " AND source = ?",
        c.project(),
        c.viewName(),
        c.versionNumber(),
        c.source().name());
  }

  public Optional<Instant> watermark(ViewContext c) {
    try (Connection con = db.getConnection();
        PreparedStatement s =
            RunStore.prepare(
                con,
                "SELECT watermark FROM materializer.watermarks WHERE project = ? AND view = ?"
                    + " AND version = ? AND source = ?",
                c.project(),
                c.viewName(),
                c.versionNumber(),
                c.source().name());
        ResultSet rs = s.executeQuery()) {
      return rs.next()
          ? Optional.of(rs.getObject(1, OffsetDateTime.class).toInstant())
          : Optional.empty();
    } catch (SQLException e) {
      throw failure(e);
    }
  }

  public boolean hasProgress(ViewContext c) {
    return !filesSeen(c).isEmpty() || watermark(c).isPresent();
  }

  public Optional<Pending> pending(ViewContext c) {
    try (Connection con = db.getConnection();
        PreparedStatement s =
            RunStore.prepare(
                con,
                "SELECT batch_id, position FROM materializer.pending_batches WHERE project = ?"
                    + " AND view = ? AND version = ? AND source = ?",
                c.project(),
                c.viewName(),
                c.versionNumber(),
                c.source().name());
        ResultSet rs = s.executeQuery()) {
      return rs.next()
          ? Optional.of(new Pending(rs.getString(1), rs.getString(2)))
          : Optional.empty();
    } catch (SQLException e) {
      throw failure(e);
    }
  }

  public void savePending(ViewContext c, Pending p) {
    execute(
        "INSERT INTO materializer.pending_batches (project, view, version, source, batch_id,"
            + " position) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (project, view, version, source)"
            + " DO UPDATE SET batch_id = excluded.batch_id, position = excluded.position",
        c.project(),
        c.viewName(),
        c.versionNumber(),
        c.source().name(),
        p.batchId(),
        p.position());
  }

  /**
   * Moves the progress, in one transaction: the files (FILE) or the watermark (POSTGRES, null for
   * FILE) become seen, the pending batch is cleared, the view's freshness is recorded.
   */
  public void commit(ViewContext c, List<FileRef> files, Instant watermark, Instant newestEvent) {
    try (Connection con = db.getConnection()) {
      con.setAutoCommit(false);
      try {
        insertFiles(con, c, files);
        if (watermark != null) {
          upsertWatermark(con, c, watermark);
        }
        run(
            con,
            "DELETE FROM materializer.pending_batches WHERE project = ? AND view = ?"
                + " AND version = ? AND source = ?",
            c.project(),
            c.viewName(),
            c.versionNumber(),
            c.source().name());
        run(
            con,
            "INSERT INTO materializer.view_stats (project, view, version, newest_event,"
                + " last_success_at) VALUES (?, ?, ?, ?, now()) ON CONFLICT (project, view) DO"
                + " UPDATE SET version = excluded.version, last_success_at = now(), newest_event ="
                + " greatest(CASE WHEN view_stats.version = excluded.version THEN"
                + " view_stats.newest_event END, excluded.newest_event)",
            c.project(),
            c.viewName(),
            c.versionNumber(),
            RunStore.ts(newestEvent));
        con.commit();
      } catch (SQLException e) {
        con.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw failure(e);
    }
  }

  private static void insertFiles(Connection con, ViewContext c, List<FileRef> files)
      throws SQLException {
    try (PreparedStatement s =
        con.prepareStatement(
            "INSERT INTO materializer.files_seen (project, view, version, source, path, size,"
                + " mtime) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
      for (FileRef f : files) {
        s.setString(1, c.project());
        s.setString(2, c.viewName());
        s.setInt(3, c.versionNumber());
        s.setString(4, c.source().name());
        s.setString(5, f.path());
        s.setLong(6, f.size());
        s.setLong(7, f.mtime());
        s.addBatch();
      }
      s.executeBatch();
    }
  }

  private static void upsertWatermark(Connection con, ViewContext c, Instant w)
      throws SQLException {
    run(
        con,
        "INSERT INTO materializer.watermarks (project, view, version, source, watermark) VALUES"
            + " (?, ?, ?, ?, ?) ON CONFLICT (project, view, version, source) DO UPDATE SET"
            + " watermark = greatest(watermarks.watermark, excluded.watermark)",
        c.project(),
        c.viewName(),
        c.versionNumber(),
        c.source().name(),
        RunStore.ts(w));
  }

  /** Files already in the source's curated table (one ingestion per source). */
  public Set<String> curatedFiles(String project, String source) {
    return strings(
        "SELECT path FROM materializer.curated_files WHERE project = ? AND source = ?",
        project,
        source);
  }

  public void addCuratedFiles(String project, String source, List<FileRef> files, String batchId) {
    try (Connection con = db.getConnection();
        PreparedStatement s =
            con.prepareStatement(
                "INSERT INTO materializer.curated_files (project, source, path, size, mtime,"
                    + " batch_id) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
      for (FileRef f : files) {
        s.setString(1, project);
        s.setString(2, source);
        s.setString(3, f.path());
        s.setLong(4, f.size());
        s.setLong(5, f.mtime());
        s.setString(6, batchId);
        s.addBatch();
      }
      s.executeBatch();
    } catch (SQLException e) {
      throw failure(e);
    }
  }

  /** Newest event materialized and last success of a view, for freshness. */
  public record ViewStats(int version, Instant newestEvent, Instant lastSuccess) {}

  public Optional<ViewStats> stats(String project, String view) {
    try (Connection con = db.getConnection();
        PreparedStatement s =
            RunStore.prepare(
                con,
                "SELECT version, newest_event, last_success_at FROM materializer.view_stats"
                    + " WHERE project = ? AND view = ?",
                project,
                view);
        ResultSet rs = s.executeQuery()) {
      if (!rs.next()) {
        return Optional.empty();
      }
      OffsetDateTime newest = rs.getObject(2, OffsetDateTime.class);
      return Optional.of(
          new ViewStats(
              rs.getInt(1),
              newest == null ? null : newest.toInstant(),
              rs.getObject(3, OffsetDateTime.class).toInstant()));
    } catch (SQLException e) {
      throw failure(e);
    }
  }

  /** Every view with stats, as {@code project/view}. */
  public List<String[]> viewsWithStats() {
    try (Connection con = db.getConnection();
        PreparedStatement s =
            con.prepareStatement("SELECT project, view FROM materializer.view_stats");
        ResultSet rs = s.executeQuery()) {
      List<String[]> out = new java.util.ArrayList<>();
      while (rs.next()) {
        out.add(new String[] {rs.getString(1), rs.getString(2)});
      }
      return out;
    } catch (SQLException e) {
      throw failure(e);
    }
  }

  private Set<String> strings(String sql, Object... args) {
    try (Connection con = db.getConnection();
        PreparedStatement s = RunStore.prepare(con, sql, args);
        ResultSet rs = s.executeQuery()) {
      Set<String> out = new HashSet<>();
      while (rs.next()) {
        out.add(rs.getString(1));
      }
      return out;
    } catch (SQLException e) {
      throw failure(e);
    }
  }

  private void execute(String sql, Object... args) {
    try (Connection con = db.getConnection()) {
      run(con, sql, args);
    } catch (SQLException e) {
      throw failure(e);
    }
  }

  private static void run(Connection con, String sql, Object... args) throws SQLException {
    try (PreparedStatement s = RunStore.prepare(con, sql, args)) {
      s.executeUpdate();
    }
  }

  private static IllegalStateException failure(SQLException e) {
    return new IllegalStateException("materializer database: " + e.getMessage(), e);
  }
}
