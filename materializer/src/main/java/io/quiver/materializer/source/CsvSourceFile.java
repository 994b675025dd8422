package io.quiver.materializer.source;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import io.quiver.core.model.Field;
import io.quiver.core.value.InvalidValueException;
import io.quiver.core.value.Values;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one CSV file of a FILE source (RFC 4180, a header row, UTF-8) as a stream of records. The
 * header is checked first: a declared column it lacks fails the run naming it; extra columns are
 * reported and skipped. An empty field is null; other fields are read as the declared type ({@link
 * Values#coerce}); a record that does not read is rejected with the column and the reason.
 */
public final class CsvSourceFile {
  private static final CsvMapper MAPPER = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY);

  private CsvSourceFile() {}

  /** Checks the header; returns its columns that the source does not declare. */
  public static List<String> checkSchema(FileRef file, CuratedLayout layout) {
    try (MappingIterator<String[]> it = open(file)) {
      String[] header = it.hasNext() ? it.next() : new String[0];
      positions(file, layout, header);
      List<String> extra = new ArrayList<>();
      for (String h : header) {
        if (layout.indexOf(h) < 0) {
          extra.add(h);
        }
      }
      return extra;
    } catch (IOException | RuntimeException e) {
      throw rethrow(file, layout, e, 0);
    }
  }

  public static void read(FileRef file, CuratedLayout layout, RowSink sink) {
    long line = 1;
    try (MappingIterator<String[]> it = open(file)) {
      int[] at = positions(file, layout, it.hasNext() ? it.next() : new String[0]);
      List<Field> columns = layout.columns();
      while (it.hasNext()) {
        String[] record = it.next();
        line++;
        Object[] row = layout.newRow();
        String reason = fill(row, record, at, columns);
        Object[] done = reason == null ? layout.complete(row) : null;
        if (done != null) {
          sink.accept(done);
        } else {
          String why = reason != null ? reason : layout.missingTimeReason();
          sink.reject(file.path() + ":" + line, why, String.join(",", record));
        }
      }
    } catch (IOException | RuntimeException e) {
      throw rethrow(file, layout, e, line);
    }
  }

  private static String fill(Object[] row, String[] record, int[] at, List<Field> columns) {
    for (int i = 0; i < at.length; i++) {
      if (at[i] >= record.length) {
        return "record has "
            + record.length
            + " fields, column "
            + columns.get(i).name()
            + " is missing";
      }
      String text = record[at[i]];
      if (text.isEmpty()) {
        continue;
      }
      try {
        row[i] = Values.coerce(columns.get(i).type(), text);
      } catch (InvalidValueException e) {
        return "column " + columns.get(i).name() + ": " + e.getMessage();
      }
    }
    return null;
  }

  private static int[] positions(FileRef file, CuratedLayout layout, String[] header) {
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < header.length; i++) {
      index.put(header[i].trim(), i);
    }
    List<Field> columns = layout.columns();
    int[] at = new int[columns.size()];
    for (int i = 0; i < at.length; i++) {
      Integer p = index.get(columns.get(i).name());
      if (p == null) {
        throw new SourceSchemaException(
            "source "
                + layout.source().name()
                + ": file "
                + file.path()
                + " has no column '"
                + columns.get(i).name()
                + "'");
      }
      at[i] = p;
    }
    return at;
  }

  private static MappingIterator<String[]> open(FileRef file) throws IOException {
    Reader reader = Files.newBufferedReader(Path.of(file.path()), StandardCharsets.UTF_8);
    return MAPPER.readerFor(String[].class).readValues(reader);
  }

  private static RuntimeException rethrow(
      FileRef file, CuratedLayout layout, Exception e, long line) {
    if (e instanceof SourceSchemaException s) {
      return s;
    }
    return new SourceReadException(
        "source "
            + layout.source().name()
            + ": file "
            + file.path()
            + " is not readable CSV (near line "
            + line
            + "): "
            + e.getMessage(),
        e);
  }
}
