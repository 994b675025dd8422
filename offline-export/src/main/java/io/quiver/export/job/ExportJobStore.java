package io.quiver.export.job;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Export jobs in PostgreSQL (schema {@code export}, table {@code export_jobs}), plain JDBC. */
@ApplicationScoped
public class ExportJobStore {
  private static final String COLUMNS =
      "id, project, status, progress, entities_path, entities_format, plan, output_uri, manifest,"
          + " error, created_at, updated_at";
  private final AgroalDataSource db;

  public ExportJobStore(AgroalDataSource db) {
    this.db = db;
  }

  public void insert(String id, String project, String entitiesPath, String format, String plan) {
    update(
        "INSERT INTO export.export_jobs (id, project, status, entities_path, entities_format, plan)"
            + " VALUES (?, ?, 'QUEUED', ?, ?, ?)",
        id,
        project,
        entitiesPath,
        format,
        plan);
  }

  public void running(String id) {
    update("UPDATE export.export_jobs SET status = 'RUNNING', updated_at = now() WHERE id = ?", id);
  }

  public void progress(String id, double progress) {
    update(
        "UPDATE export.export_jobs SET progress = ?, updated_at = now() WHERE id = ?",
        progress,
        id);
  }

  public void succeeded(String id, String outputUri, String manifest) {
    update(
        "UPDATE export.export_jobs SET status = 'SUCCEEDED', progress = 1, output_uri = ?,"
            + " manifest = ?, updated_at = now() WHERE id = ?",
        outputUri,
        manifest,
        id);
  }

  public void failed(String id, String error) {
    update(
        "UPDATE export.export_jobs SET status = 'FAILED', error = ?, updated_at = now() WHERE id = ?",
        error,
        id);
  }

  public Optional<ExportJob> find(String project, String id) {
    List<ExportJob> jobs =
        query(
            "SELECT " + COLUMNS + " FROM export.export_jobs WHERE project = ? AND id = ?",
            project,
            id);
    return jobs.stream().findFirst();
  }

  /** Jobs a stopped instance left QUEUED or RUNNING, oldest first: they are run again. */
  public List<ExportJob> unfinished() {
    return query(
        "SELECT "
            + COLUMNS
            + " FROM export.export_jobs WHERE status IN ('QUEUED', 'RUNNING')"
            + " ORDER BY created_at");
  }

  private void update(String sql, Object... args) {
    try (Connection c = db.getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      bind(s, args);
      s.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("export job store: " + e.getMessage(), e);
    }
  }

  private List<ExportJob> query(String sql, Object... args) {
    try (Connection c = db.getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      bind(s, args);
      List<ExportJob> jobs = new ArrayList<>();
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          jobs.add(
              new ExportJob(
                  r.getString(1),
                  r.getString(2),
                  ExportStatus.valueOf(r.getString(3)),
                  r.getDouble(4),
                  r.getString(5),
                  r.getString(6),
                  r.getString(7),
                  r.getString(8),
                  r.getString(9),
                  r.getString(10),
                  r.getTimestamp(11).toInstant(),
                  r.getTimestamp(12).toInstant()));
        }
      }
      return jobs;
    } catch (SQLException e) {
      throw new IllegalStateException("export job store: " + e.getMessage(), e);
    }
  }

  private static void bind(PreparedStatement s, Object... args) throws SQLException {
    for (int i = 0; i < args.length; i++) {
      s.setObject(i + 1, args[i]);
    }
  }
}
