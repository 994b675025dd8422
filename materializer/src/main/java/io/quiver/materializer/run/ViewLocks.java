package io.quiver.materializer.run;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * One run per view at a time across every materializer process: a PostgreSQL session advisory lock
 * on {@code hashtext('quiver.materializer/<project>/<view>')}, held on its own connection for the
 * whole run. If the process dies, PostgreSQL ends the session and the lock is released.
 */
@ApplicationScoped
public class ViewLocks {
  private final AgroalDataSource db;

  public ViewLocks(AgroalDataSource db) {
    this.db = db;
  }

  /** A held lock; closing it releases the lock and the connection. */
  public static final class Held implements AutoCloseable {
    private final Connection connection;
    private final String key;

    private Held(Connection connection, String key) {
      this.connection = connection;
      this.key = key;
    }

    @Override
    public void close() {
      try (connection;
          PreparedStatement s =
              connection.prepareStatement("SELECT pg_advisory_unlock(hashtext(?))")) {
        s.setString(1, key);
        s.execute();
      } catch (SQLException e) {
        // closing the connection ends the session, which releases the lock anyway
      }
    }
  }

  /** The lock if free now, else empty. */
  public Optional<Held> tryLock(String project, String view) {
    String key = "quiver.materializer/" + project + "/" + view;
    Connection c = null;
    try {
      c = db.getConnection();
      try (PreparedStatement s = c.prepareStatement("SELECT pg_try_advisory_lock(hashtext(?))")) {
        s.setString(1, key);
        try (ResultSet rs = s.executeQuery()) {
          rs.next();
          if (rs.getBoolean(1)) {
            return Optional.of(new Held(c, key));
          }
        }
      }
      c.close();
      return Optional.empty();
    } catch (SQLException e) {
      closeQuietly(c);
      throw new IllegalStateException("taking the view lock failed: " + e.getMessage(), e);
    }
  }

  private static void closeQuietly(Connection c) {
    try {
      if (c != null) {
        c.close();
      }
    } catch (SQLException ignored) {
      // the failure being reported is the one that matters
    }
  }
}
