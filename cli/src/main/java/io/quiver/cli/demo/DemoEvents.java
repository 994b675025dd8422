package io.quiver.cli.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;

/**
 * The demo's {@code user_events}: random app events of a few users, written as Parquet files into
 * the raw zone. The first batch covers the last two days; the second adds newer events and late
 * ones (event times inside the first batch's range, arriving after it was materialized).
 */
final class DemoEvents {
  static final MessageType SCHEMA =
      MessageTypeParser.parseMessageType(
          "message user_events { required int64 user_id; required int64 event_time"
              + " (TIMESTAMP(MICROS,true)); required binary event_type (STRING);"
              + " optional double session_duration; }");
  private static final String[] TYPES = {"login", "view", "click", "purchase", "logout"};

  record Event(long userId, Instant time, String type, Double sessionDuration) {}

  private final Random random;
  private final int users;
  private final Instant now;

  DemoEvents(long seed, int users, Instant now) {
    this.random = new Random(seed);
    this.users = users;
    this.now = now.truncatedTo(ChronoUnit.SECONDS);
  }

  /** {@code n} events with event times in [from, to). */
  List<Event> between(Instant from, Instant to, int n) {
    long span = Duration.between(from, to).toSeconds();
    List<Event> events = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      Instant t = from.plusSeconds((long) (random.nextDouble() * span));
      // Some sessions have no duration: mean and sum skip them, count still counts the event.
      Double duration =
          random.nextInt(20) == 0 ? null : Math.round(random.nextDouble() * 6000) / 10.0;
      events.add(
          new Event(1 + random.nextInt(users), t, TYPES[random.nextInt(TYPES.length)], duration));
    }
    return events;
  }

  Instant now() {
    return now;
  }

  static void write(Path file, List<Event> events) {
    try {
      Files.createDirectories(file.getParent());
      Path partial = file.resolveSibling("." + file.getFileName() + ".tmp");
      Files.deleteIfExists(partial);
      SimpleGroupFactory groups = new SimpleGroupFactory(SCHEMA);
      try (ParquetWriter<Group> writer =
          ExampleParquetWriter.builder(new LocalOutputFile(partial))
              .withType(SCHEMA)
              .withCompressionCodec(CompressionCodecName.UNCOMPRESSED)
              .build()) {
        for (Event e : events) {
          Group g =
              groups
                  .newGroup()
                  .append("user_id", e.userId())
                  .append("event_time", micros(e.time()))
                  .append("event_type", e.type());
          if (e.sessionDuration() != null) {
            g.append("session_duration", e.sessionDuration());
          }
          writer.write(g);
        }
      }
      // Appears whole: the materializer never lists a half-written file (hidden names are skipped).
      Files.move(partial, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  private static long micros(Instant t) {
    return t.getEpochSecond() * 1_000_000L + t.getNano() / 1_000;
  }
}
