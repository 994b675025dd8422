package io.quiver.materializer.pipeline;

import io.quiver.materializer.source.ColumnBatch;
import io.quiver.materializer.source.PostgresCredentials;
import io.quiver.materializer.source.PostgresSourceReader;
import io.quiver.materializer.source.PostgresSourceReader.Window;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * A POSTGRES source's input for one sub-batch: the rows of its {@link Window} (up to a row limit,
 * cut between positions), all of them to the curated zone (which drops the exact duplicates a
 * lateness re-read brings), the greatest position read as the watermark to commit after both sinks
 * succeed, and positions {@code postgres|<from>|<to>|<rows>|<digest>}: the window to re-read if the
 * batch stays pending, and a digest of the rows so a re-read window with new late rows makes a new
 * batch id.
 */
public final class PostgresSourceInput {
  private static final String PREFIX = "postgres|";

  private PostgresSourceInput() {}

  /** The incremental window: from the watermark minus the allowed lateness, open above. */
  public static Window incremental(ViewContext ctx, Optional<Instant> watermark) {
    Instant from =
        watermark.map(w -> w.minus(ctx.source().allowedLatenessOrDefault())).orElse(null);
    return new Window(from, null, null, null);
  }

  public static Window backfill(Instant start, Instant end) {
    return new Window(null, null, start, end);
  }

  public static boolean isPosition(String positions) {
    return positions.startsWith(PREFIX);
  }

  /** The window of a pending batch's positions. */
  public static Window parse(String positions) {
    String[] p = positions.split("\\|");
    return new Window(instant(p[1]), instant(p[2]), null, null);
  }

  /**
   * One sub-batch's input, and the window of the rest ({@code null}: the window is read to its
   * end): the rest starts a microsecond (PostgreSQL's resolution) after this batch's greatest
   * position, so no row is read twice and none is skipped.
   */
  public record Read(BatchInput input, Window rest) {}

  /**
   * The window's rows up to about {@code limit} ({@code 0}: all of them), never splitting the rows
   * of one position.
   */
  public static Read read(
      ViewContext ctx,
      Window w,
      Function<String, Optional<String>> secrets,
      int fetchSize,
      long limit) {
    Optional<PostgresCredentials> credentials =
        PostgresCredentials.resolve(ctx.source().name(), ctx.source().credentialsRef(), secrets);
    CollectingSink sink = new CollectingSink(ctx.layout());
    PostgresSourceReader.Result r =
        new PostgresSourceReader(ctx.layout(), credentials, fetchSize).read(w, limit, sink);
    ColumnBatch rows = sink.rows.build();
    Instant to = w.to() != null && !r.more() ? w.to() : r.greatestPosition();
    String positions =
        PREFIX + text(w.from()) + "|" + text(to) + "|" + rows.size() + "|" + digest(rows);
    BatchInput input =
        new BatchInput(
            rows,
            rows,
            List.of(),
            sink.rejectedCount,
            sink.rejected,
            r.extraColumns(),
            List.of(),
            r.greatestPosition(),
            positions);
    Window rest =
        r.more()
            ? new Window(
                r.greatestPosition().plusNanos(1_000), w.to(), w.eventStart(), w.eventEnd())
            : null;
    return new Read(input, rest);
  }

  /** Order-independent: the sum of the rows' 64-bit SHA-256 prefixes. */
  private static String digest(List<Object[]> rows) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      long sum = 0;
      for (Object[] row : rows) {
        byte[] d = sha.digest(Arrays.deepToString(row).getBytes(StandardCharsets.UTF_8));
        sum += ByteBuffer.wrap(d).getLong();
      }
      return Long.toHexString(sum);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String text(Instant t) {
    return t == null ? "-" : t.toString();
  }

  private static Instant instant(String text) {
    return text.equals("-") ? null : Instant.parse(text);
  }
}
