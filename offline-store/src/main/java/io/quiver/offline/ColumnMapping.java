package io.quiver.offline;

import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import org.apache.iceberg.Schema;
import org.apache.iceberg.types.Types;

/**
 * Where each field of a table schema is in a spec's column order, how its canonical values convert
 * to Iceberg's internal representation, and which spec columns must not be null.
 */
final class ColumnMapping {
  final List<Column> columns;

  /** By schema field position: the spec column holding it, or -1 (a column the spec lacks). */
  final int[] specIndex;

  /** By schema field position. */
  final UnaryOperator<Object>[] converters;

  /** Spec column indexes. */
  final int[] required;

  @SuppressWarnings("unchecked")
  ColumnMapping(TableSpec spec, Schema schema) {
    columns = spec.columns();
    List<Types.NestedField> fields = schema.columns();
    specIndex = new int[fields.size()];
    Arrays.fill(specIndex, -1);
    converters = new UnaryOperator[fields.size()];
    for (int i = 0; i < columns.size(); i++) {
      Types.NestedField field = schema.findField(columns.get(i).name());
      int position = fields.indexOf(field);
      specIndex[position] = i;
      converters[position] = ValueConverters.toInternal(field);
    }
    required =
        IntStream.range(0, columns.size())
            .filter(i -> schema.findField(columns.get(i).name()).isRequired())
            .toArray();
  }

  IllegalArgumentException nullIn(int column) {
    return new IllegalArgumentException(
        "column " + columns.get(column).name() + " must not be null");
  }
}
