package io.quiver.bench.materializer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;

/**
 * The seed's {@code user_events} as Parquet files in a raw-zone folder: random events of {@code
 * users} users with event times spread over {@code [end - hours, end)}; one in twenty has no
 * session duration (mean and sum skip it, count still counts it).
 */
final class UserEventFiles {
  static final MessageType SCHEMA =
      MessageTypeParser.parseMessageType(
          "message user_events { required int64 user_id; required int64 event_time"
              + " (TIMESTAMP(MICROS,true)); required binary event_type (STRING);"
              + " optional double session_duration; }");
  private static final String[] TYPES = {"login", "view", "click", "purchase", "logout"};

  private UserEventFiles() {}

  /**
   * Writes {@code events} rows into {@code files} files {@code part-NNN.parquet} under dir, files
   * in parallel, each from its own seed.
   */
  static void write(Path dir, long events, int users, int hours, Instant end, int files) {
    long spanMicros = hours * 3_600_000_000L;
    long endMicros = end.getEpochSecond() * 1_000_000L;
    IntStream.range(0, files)
        .parallel()
        .forEach(
            f ->
                writeFile(
                    dir.resolve(String.format("part-%03d.parquet", f)),
                    events / files + (f < events % files ? 1 : 0),
                    new SplittableRandom(42 + f),
                    users,
                    endMicros - spanMicros,
                    spanMicros));
  }

  private static void writeFile(
      Path file, long rows, SplittableRandom random, int users, long from, long span) {
    try {
      Files.createDirectories(file.getParent());
      Path partial = file.resolveSibling("." + file.getFileName() + ".tmp");
      SimpleGroupFactory groups = new SimpleGroupFactory(SCHEMA);
      try (ParquetWriter<Group> writer =
          ExampleParquetWriter.builder(new LocalOutputFile(partial))
              .withType(SCHEMA)
              .withCompressionCodec(CompressionCodecName.UNCOMPRESSED)
              .build()) {
        for (long i = 0; i < rows; i++) {
          Group g =
              groups
                  .newGroup()
                  .append("user_id", 1L + random.nextInt(users))
                  .append("event_time", from + random.nextLong(span))
                  .append("event_type", TYPES[random.nextInt(TYPES.length)]);
          if (random.nextInt(20) != 0) {
            g.append("session_duration", random.nextInt(6001) / 10.0);
          }
          writer.write(g);
        }
      }
      Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
