package io.quiver.offline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.BiFunction;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.StructLike;
import org.apache.iceberg.Table;
import org.apache.iceberg.deletes.EqualityDeleteWriter;
import org.apache.iceberg.deletes.PositionDeleteWriter;
import org.apache.iceberg.encryption.EncryptedOutputFile;
import org.apache.iceberg.io.DataWriter;
import org.apache.iceberg.io.FileWriterFactory;
import org.apache.iceberg.parquet.Parquet;
import org.apache.iceberg.parquet.ParquetValueWriter;
import org.apache.parquet.schema.MessageType;

/**
 * Parquet data files of a table, each written by the value writer {@code writers} makes for the
 * table's schema and the file's Parquet schema, with the table's schema, partitioning, properties
 * and metrics settings. Append-only, so no delete writers.
 */
record ParquetDataFiles<T>(
    Table table, BiFunction<Schema, MessageType, ParquetValueWriter<?>> writers)
    implements FileWriterFactory<T> {
  @Override
  public DataWriter<T> newDataWriter(
      EncryptedOutputFile file, PartitionSpec spec, StructLike partition) {
    try {
      return Parquet.writeData(file)
          .forTable(table)
          .withSpec(spec)
          .withPartition(partition)
          .createWriterFunc(writers)
          .overwrite()
          .build();
    } catch (IOException e) {
      throw new UncheckedIOException("creating " + file.encryptingOutputFile().location(), e);
    }
  }

  @Override
  public EqualityDeleteWriter<T> newEqualityDeleteWriter(
      EncryptedOutputFile file, PartitionSpec spec, StructLike partition) {
    throw new UnsupportedOperationException("offline tables are append-only");
  }

  @Override
  public PositionDeleteWriter<T> newPositionDeleteWriter(
      EncryptedOutputFile file, PartitionSpec spec, StructLike partition) {
    throw new UnsupportedOperationException("offline tables are append-only");
  }
}
