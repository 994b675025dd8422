package io.quiver.materializer.run;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

/** Rejected source rows with the reason, kept in PostgreSQL: nothing is dropped silently. */
@ApplicationScoped
public class DeadLetters {
  /** One rejected row. */
  public record Rejected(String position, String reason, String record) {}

  private final AgroalDataSource db;

  public DeadLetters(AgroalDataSource db) {
    this.db = db;
  }

  public void save(UUID runId, String project, String source, List<Rejected> rows) {
    if (rows.isEmpty()) {
      return;
    }
    try (Connection c = db.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "INSERT INTO materializer.dead_letters (run_id, project, source, position, reason,"
                    + " record) VALUES (?, ?, ?, ?, ?, ?)")) {
      for (Rejected r : rows) {
        s.setObject(1, runId);
        s.setString(2, project);
        s.setString(3, source);
        s.setString(4, r.position());
        s.setString(5, r.reason());
        s.setString(6, r.record());
        s.addBatch();
      }
      s.executeBatch();
    } catch (SQLException e) {
      throw new IllegalStateException("saving dead letters failed: " + e.getMessage(), e);
    }
  }
}
