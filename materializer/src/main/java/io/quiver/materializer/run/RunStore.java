package io.quiver.materializer.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Runs in the materializer's PostgreSQL schema. */
@ApplicationScoped
public class RunStore {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final AgroalDataSource db;

  public RunStore(AgroalDataSource db) {
    this.db = db;
  }

  public UUID create(RunRequest r) {
    UUID id = UUID.randomUUID();
    update(
        "INSERT INTO materializer.runs (id, project, view, mode, range_start, range_end, trigger,"
            + " status) VALUES (?, ?, ?, ?, ?, ?, ?, 'QUEUED')",
        id,
        r.project(),
        r.view(),
        r.mode(),
        ts(r.start()),
        ts(r.end()),
        r.trigger());
    return id;
  }

  public void running(UUID id, String worker, int attempt) {
    update(
        "UPDATE materializer.runs SET status = 'RUNNING', worker = ?, attempts = ?,"
            + " started_at = coalesce(started_at, clock_timestamp()) WHERE id = ?",
        worker,
        attempt,
        id);
  }

  public void succeeded(UUID id, RunOutcome o) {
    update(
        "UPDATE materializer.runs SET status = 'SUCCEEDED', version = ?, rows_read = ?,"
            + " rows_written = ?, rows_rejected = ?, quality = ?, stages = ?, error = ?,"
            + " finished_at = clock_timestamp() WHERE id = ?",
        o.version(),
        o.rowsRead(),
        o.rowsWritten(),
        o.rowsRejected(),
        o.quality(),
        json(o.stages()),
        o.warning(),
        id);
  }

  public void failed(UUID id, String error, RunOutcome partial) {
    update(
        "UPDATE materializer.runs SET status = 'FAILED', error = ?, version = ?, rows_read = ?,"
            + " rows_rejected = ?, quality = ?, stages = ?, finished_at = clock_timestamp()"
            + " WHERE id = ?",
        error,
        partial == null ? null : partial.version(),
        partial == null ? 0 : partial.rowsRead(),
        partial == null ? 0 : partial.rowsRejected(),
        partial == null ? null : partial.quality(),
        partial == null ? null : json(partial.stages()),
        id);
  }

  public Optional<RunRecord> get(UUID id) {
    List<RunRecord> runs = query("SELECT * FROM materializer.runs WHERE id = ?", id);
    return runs.stream().findFirst();
  }

  /** Runs recorded as RUNNING, in any process. */
  public List<RunRecord> running() {
    return query("SELECT * FROM materializer.runs WHERE status = 'RUNNING'");
  }

  /** The view's most recent runs, newest first. */
  public List<RunRecord> recent(String project, String view, int limit) {
    return query(
        "SELECT * FROM materializer.runs WHERE project = ? AND view = ?"
            + " ORDER BY created_at DESC LIMIT "
            + limit,
        project,
        view);
  }

  /** Row counts of the view's recent successful runs, oldest first (the row_count check). */
  public List<Long> recentRowCounts(String project, String view, int limit) {
    List<Long> counts = new ArrayList<>();
    for (RunRecord r : recent(project, view, limit * 3)) {
      if (r.status() == RunStatus.SUCCEEDED && r.rowsRead() > 0 && counts.size() < limit) {
        counts.add(0, r.rowsRead());
      }
    }
    return counts;
  }

  private List<RunRecord> query(String sql, Object... args) {
    try (Connection c = db.getConnection();
        PreparedStatement s = prepare(c, sql, args);
        ResultSet rs = s.executeQuery()) {
      List<RunRecord> out = new ArrayList<>();
      while (rs.next()) {
        out.add(read(rs));
      }
      return out;
    } catch (SQLException e) {
      throw new IllegalStateException("reading runs failed: " + e.getMessage(), e);
    }
  }

  private static RunRecord read(ResultSet rs) throws SQLException {
    return new RunRecord(
        rs.getObject("id", UUID.class),
        rs.getString("project"),
        rs.getString("view"),
        (Integer) rs.getObject("version"),
        rs.getString("mode"),
        instant(rs, "range_start"),
        instant(rs, "range_end"),
        rs.getString("trigger"),
        RunStatus.valueOf(rs.getString("status")),
        rs.getInt("attempts"),
        rs.getLong("rows_read"),
        rs.getLong("rows_written"),
        rs.getLong("rows_rejected"),
        rs.getString("quality"),
        rs.getString("stages"),
        rs.getString("error"),
        rs.getString("worker"),
        instant(rs, "created_at"),
        instant(rs, "started_at"),
        instant(rs, "finished_at"));
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }

  private void update(String sql, Object... args) {
    try (Connection c = db.getConnection();
        PreparedStatement s = prepare(c, sql, args)) {
      s.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("recording the run failed: " + e.getMessage(), e);
    }
  }

  static PreparedStatement prepare(Connection c, String sql, Object... args) throws SQLException {
    PreparedStatement s = c.prepareStatement(sql);
    for (int i = 0; i < args.length; i++) {
      s.setObject(i + 1, args[i]);
    }
    return s;
  }

  static OffsetDateTime ts(Instant t) {
    return t == null ? null : t.atOffset(java.time.ZoneOffset.UTC);
  }

  static String json(Map<String, Long> stages) {
    try {
      return stages == null ? null : JSON.writeValueAsString(stages);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
