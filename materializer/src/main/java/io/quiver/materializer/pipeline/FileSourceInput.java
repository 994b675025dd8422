package io.quiver.materializer.pipeline;

import io.quiver.materializer.source.ColumnBatch;
import io.quiver.materializer.source.CsvSourceFile;
import io.quiver.materializer.source.FileListing;
import io.quiver.materializer.source.FileRef;
import io.quiver.materializer.source.ParquetSourceFile;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A FILE source's input for one run: the given files, every file's schema checked before any row is
 * read (a missing column fails the run before anything is written), then each file streamed.
 */
public final class FileSourceInput {
  private FileSourceInput() {}

  /** The files the source's path names now, minus those in {@code seen} (paths). */
  public static List<FileRef> newFiles(ViewContext ctx, Path dataRoot, Set<String> seen) {
    List<FileRef> out = new ArrayList<>();
    for (FileRef f : FileListing.list(ctx.source().path(), format(ctx), dataRoot)) {
      if (!seen.contains(f.path())) {
        out.add(f);
      }
    }
    return out;
  }

  public static List<FileRef> allFiles(ViewContext ctx, Path dataRoot) {
    return FileListing.list(ctx.source().path(), format(ctx), dataRoot);
  }

  /** Reads {@code files}; rows of files not in {@code curated} (paths) also go to uncurated. */
  public static BatchInput read(ViewContext ctx, List<FileRef> files, Set<String> curated) {
    return read(ctx, files, curated, checkSchemas(ctx, files));
  }

  /**
   * Checks every file's footer or header against the declared schema (a missing column fails before
   * any row is read); returns the undeclared columns found.
   */
  public static List<String> checkSchemas(ViewContext ctx, List<FileRef> files) {
    boolean csv = format(ctx).equals("CSV");
    Set<String> extra = new LinkedHashSet<>();
    for (FileRef f : files) {
      extra.addAll(
          csv
              ? CsvSourceFile.checkSchema(f, ctx.layout())
              : ParquetSourceFile.checkSchema(f, ctx.layout()));
    }
    return List.copyOf(extra);
  }

  /** Reads files whose schemas were checked already; {@code extra}: what that check found. */
  static BatchInput read(
      ViewContext ctx, List<FileRef> files, Set<String> curated, List<String> extra) {
    return readUpTo(ctx, new ArrayDeque<>(files), curated, extra, Long.MAX_VALUE);
  }

  /**
   * Takes files off {@code remaining} until the batch holds at least {@code batchRows} rows (at
   * least one file) and reads them: a sub-batch ends at a file boundary, so it holds at most {@code
   * batchRows} plus one file's rows. Parquet files are counted by their footers and read side by
   * side, one per core (the read was a single-threaded stage of several seconds per 5 M rows); CSV
   * files, whose rows are known only once read, one after another.
   */
  static BatchInput readUpTo(
      ViewContext ctx,
      Deque<FileRef> remaining,
      Set<String> curated,
      List<String> extra,
      long batchRows) {
    List<FileRef> files = new ArrayList<>();
    List<CollectingSink> parts = new ArrayList<>();
    long footerRows = 0; // Parquet: what the footers say, so the builders need not grow
    if (format(ctx).equals("CSV")) {
      long rows = 0;
      while (!remaining.isEmpty() && (files.isEmpty() || rows < batchRows)) {
        FileRef f = remaining.removeFirst();
        CollectingSink part = new CollectingSink(ctx.layout());
        CsvSourceFile.read(f, ctx.layout(), part);
        files.add(f);
        parts.add(part);
        rows += part.rows.size();
      }
    } else {
      List<Long> counts = new ArrayList<>();
      while (!remaining.isEmpty() && (files.isEmpty() || footerRows < batchRows)) {
        FileRef f = remaining.removeFirst();
        files.add(f);
        counts.add(ParquetSourceFile.rowCount(f));
        footerRows += counts.get(counts.size() - 1);
      }
      parts = readParquet(ctx, files, counts);
    }
    boolean single = parts.size() == 1;
    CollectingSink all =
        single ? parts.get(0) : new CollectingSink(ctx.layout(), Math.max(1024, footerRows));
    IntArrayList uncurated = new IntArrayList(); // the rows of uncurated files
    List<FileRef> uncuratedFiles = new ArrayList<>();
    for (int i = 0; i < parts.size(); i++) {
      int before = single ? 0 : all.rows.size();
      if (!single) {
        all.addAll(parts.get(i));
        parts.set(i, null); // its columns are copied: let them go
      }
      FileRef f = files.get(i);
      if (!curated.contains(f.path())) {
        for (int r = before; r < all.rows.size(); r++) {
          uncurated.add(r);
        }
        uncuratedFiles.add(f);
      }
    }
    ColumnBatch rows = all.rows.build();
    StringBuilder positions = new StringBuilder();
    files.forEach(f -> positions.append(f.position()).append('\n'));
    return new BatchInput(
        rows,
        rows.select(uncurated.elements(), uncurated.size()),
        uncuratedFiles,
        all.rejectedCount,
        all.rejected,
        extra,
        files,
        null,
        positions.toString());
  }

  /**
   * Reads Parquet files on up to one thread per core, each into a part of its own, in file order; a
   * file that does not read fails the batch with the first such file's error.
   */
  private static List<CollectingSink> readParquet(
      ViewContext ctx, List<FileRef> files, List<Long> rows) {
    int threads = Math.min(files.size(), Runtime.getRuntime().availableProcessors());
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
    try {
      List<Future<CollectingSink>> reads = new ArrayList<>();
      for (int i = 0; i < files.size(); i++) {
        FileRef f = files.get(i);
        long n = rows.get(i);
        reads.add(pool.submit(() -> readParquet(ctx, f, n)));
      }
      List<CollectingSink> parts = new ArrayList<>();
      for (Future<CollectingSink> read : reads) {
        parts.add(await(read));
      }
      return parts;
    } finally {
      pool.shutdownNow();
    }
  }

  private static CollectingSink readParquet(ViewContext ctx, FileRef file, long rows) {
    CollectingSink part = new CollectingSink(ctx.layout(), rows);
    ParquetSourceFile.read(file, ctx.layout(), part.rows, part);
    return part;
  }

  private static CollectingSink await(Future<CollectingSink> read) {
    try {
      return read.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading source files", e);
    }
  }

  private static String format(ViewContext ctx) {
    String f =
        ctx.source().format() == null
            ? "PARQUET"
            : ctx.source().format().toUpperCase(java.util.Locale.ROOT);
    if (!f.equals("PARQUET") && !f.equals("CSV")) {
      throw new IllegalArgumentException(
          "source " + ctx.source().name() + ": format " + f + " is not PARQUET or CSV");
    }
    return f;
  }

  /** Files from the positions text of a pending batch. */
  public static List<FileRef> parse(String positions) {
    List<FileRef> files = new ArrayList<>();
    for (String line : positions.split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      String[] p = line.split("\\|");
      int n = p.length;
      String path = String.join("|", java.util.Arrays.copyOf(p, n - 2));
      files.add(new FileRef(path, Long.parseLong(p[n - 2]), Long.parseLong(p[n - 1])));
    }
    return files;
  }
}
