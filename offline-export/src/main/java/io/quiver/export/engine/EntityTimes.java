package io.quiver.export.engine;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** The earliest and latest t of the entity rows: bounds on the feature rows any row can see. */
record EntityTimes(Instant earliest, Instant latest) {
  /** DuckDB's timestamps end before year 294,247; a bound before year 1 is left out. */
  private static final Instant FLOOR = Instant.parse("0001-01-01T00:00:00Z");

  static EntityTimes of(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet r =
            s.executeQuery("SELECT epoch_us(min(__t)), epoch_us(max(__t)) FROM entities")) {
      r.next();
      return new EntityTimes(micros(r.getLong(1)), micros(r.getLong(2)));
    }
  }

  String latestLiteral() {
    return literal(latest);
  }

  /** {@code earliest - maxAge} as a literal, unless it is before year 1. */
  Optional<String> earliestLiteralMinus(Duration maxAge) {
    if (Duration.between(FLOOR, earliest).compareTo(maxAge) < 0) {
      return Optional.empty();
    }
    return Optional.of(literal(earliest.minus(maxAge)));
  }

  private static String literal(Instant t) {
    return Sql.literal(t.toString()) + "::TIMESTAMPTZ";
  }

  private static Instant micros(long us) {
    return Instant.ofEpochSecond(
        Math.floorDiv(us, 1_000_000L), Math.floorMod(us, 1_000_000L) * 1000);
  }
}
