package io.quiver.offline;

import io.quiver.core.model.ValueType;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.UpdateProperties;
import org.apache.iceberg.UpdateSchema;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.AlreadyExistsException;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

/**
 * Creates a table from its spec if missing, or evolves it compatibly: a new column is added as
 * optional (old data reads as null); INT32→INT64 and FLOAT→DOUBLE are widened in place. Anything
 * else (a retyped column, a new required column) needs a new version and is refused.
 */
public final class EnsureTable {
  private static final Map<String, String> PROPERTIES =
      Map.of(
          TableProperties.FORMAT_VERSION, "2",
          TableProperties.PARQUET_COMPRESSION, "zstd");

  private final Catalog catalog;

  public EnsureTable(Catalog catalog) {
    this.catalog = catalog;
  }

  public Table apply(TableSpec spec) {
    TableIdentifier id = spec.identifier();
    if (!catalog.tableExists(id)) {
      create(spec);
    }
    Table table = catalog.loadTable(id);
    evolve(table, spec);
    setMissingProperties(table, spec);
    return table;
  }

  private void create(TableSpec spec) {
    TableIdentifier id = spec.identifier();
    if (catalog instanceof SupportsNamespaces namespaces
        && !namespaces.namespaceExists(id.namespace())) {
      try {
        namespaces.createNamespace(id.namespace());
      } catch (AlreadyExistsException raced) {
        // another writer created it first
      }
    }
    Schema schema = IcebergTypes.schema(spec);
    PartitionSpec partitioning =
        PartitionSpec.builderFor(schema).day(spec.partitionColumn()).build();
    try {
      Map<String, String> properties = new HashMap<>(PROPERTIES);
      properties.putAll(spec.properties());
      catalog.createTable(id, schema, partitioning, properties);
    } catch (AlreadyExistsException raced) {
      // another writer created it first; evolve() reconciles
    }
  }

  /** A table created before its spec had a property gets it (a metadata commit, no snapshot). */
  private static void setMissingProperties(Table table, TableSpec spec) {
    Map<String, String> missing = new HashMap<>(spec.properties());
    missing.entrySet().removeIf(e -> e.getValue().equals(table.properties().get(e.getKey())));
    if (!missing.isEmpty()) {
      UpdateProperties update = table.updateProperties();
      missing.forEach(update::set);
      update.commit();
    }
  }

  private static void evolve(Table table, TableSpec spec) {
    UpdateSchema update = table.updateSchema();
    boolean changed = false;
    for (Column column : spec.columns()) {
      Types.NestedField stored = table.schema().findField(column.name());
      if (stored == null) {
        if (spec.requiredColumns().contains(column.name())) {
          throw incompatible(spec, column, "is a new required column");
        }
        update.addColumn(column.name(), IcebergTypes.type(column.type(), new AtomicInteger()));
        changed = true;
      } else {
        changed |= reconcile(update, spec, column, stored);
      }
    }
    if (changed) {
      update.commit();
    }
  }

  /** Widens a stored column for a wider spec; a narrower spec is written widened. */
  private static boolean reconcile(
      UpdateSchema update, TableSpec spec, Column column, Types.NestedField stored) {
    ValueType storedType = IcebergTypes.valueType(stored.name(), stored.type());
    if (storedType == column.type() || column.type().widensTo(storedType)) {
      return false;
    }
    if (!storedType.widensTo(column.type())) {
      throw incompatible(spec, column, "is stored as " + storedType);
    }
    Type wider = IcebergTypes.type(column.type(), new AtomicInteger());
    update.updateColumn(column.name(), wider.asPrimitiveType());
    return true;
  }

  private static IllegalArgumentException incompatible(TableSpec spec, Column column, String why) {
    return new IllegalArgumentException(
        "table "
            + spec.identifier()
            + ": column "
            + column.name()
            + " ("
            + column.type()
            + ") "
            + why
            + "; that change needs a new view version");
  }
}
