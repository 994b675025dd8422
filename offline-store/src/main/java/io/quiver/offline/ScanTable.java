package io.quiver.offline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.types.Types;

/**
 * Reads a whole table back into memory as canonical Java values, for tests and small tools; exports
 * read planned files with DuckDB instead.
 */
public final class ScanTable {
  private final Catalog catalog;

  public ScanTable(Catalog catalog) {
    this.catalog = catalog;
  }

  /** Rows at a snapshot (the current one when null), each a column name → value map. */
  public List<Map<String, Object>> scan(TableIdentifier id, Long snapshotIdOrNull) {
    Table table = catalog.loadTable(id);
    IcebergGenerics.ScanBuilder scan = IcebergGenerics.read(table);
    if (snapshotIdOrNull != null) {
      scan = scan.useSnapshot(snapshotIdOrNull);
    }
    List<Map<String, Object>> rows = new ArrayList<>();
    try (CloseableIterable<Record> records = scan.build()) {
      for (Record record : records) {
        rows.add(toMap(record));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("scanning " + id + " failed", e);
    }
    return rows;
  }

  private static Map<String, Object> toMap(Record record) {
    Map<String, Object> row = new LinkedHashMap<>();
    List<Types.NestedField> fields = record.struct().fields();
    for (int i = 0; i < fields.size(); i++) {
      row.put(fields.get(i).name(), ValueConverters.fromIceberg(record.get(i)));
    }
    return row;
  }
}
