package io.quiver.core.online;

import io.quiver.core.model.Field;
import io.quiver.core.model.ValueType;
import io.quiver.core.value.BinaryReader;
import io.quiver.core.value.BinaryWriter;
import io.quiver.core.value.ValueCodec;
import java.util.Arrays;

/**
 * The bytes of a select view's value in Redis (one string per view version and entity).
 *
 * <p>Format version 1, fixed header then values:
 *
 * <pre>
 * offset 0      u8   format version (1)
 * offset 1..4   u32  schema id, big-endian
 * offset 5..12  i64  event_time micros   } big-endian, sign bit flipped: the 16 bytes compare
 * offset 13..20 i64  created micros      } as unsigned bytes in (event, created) order
 * offset 21..   varint value count, then each value as ValueCodec.write ([tag][payload])
 * </pre>
 *
 * <p>{@code select_put.lua} compares bytes 5..20 of the stored and the new record; every future
 * format must keep them there.
 */
public final class SelectRecordCodec {
  public static final int VERSION = 1;

  private SelectRecordCodec() {}

  /** Encodes a record whose values follow {@code schema}, checking each value's type. */
  public static byte[] encode(OnlineSchema schema, SelectRecord record) {
    if (record.schemaId() != schema.id() || record.values().size() != schema.features().size()) {
      throw new IllegalArgumentException(
          "record of schema "
              + record.schemaId()
              + " with "
              + record.values().size()
              + " value(s) does not fit schema "
              + schema.id()
              + " of "
              + schema.features().size());
    }
    BinaryWriter out = new BinaryWriter().writeByte(VERSION);
    TimeOrder.writeInt(out, schema.id());
    TimeOrder.write(out, record.eventTimeMicros());
    TimeOrder.write(out, record.createdTimeMicros());
    out.writeVarLong(record.values().size());
    for (int i = 0; i < record.values().size(); i++) {
      ValueCodec.write(out, schema.features().get(i).type(), record.values().get(i));
    }
    return out.toByteArray();
  }

  /**
   * Decodes a record written under any schema known to {@code schemas} as values of {@code target}:
   * features are matched by name, a feature the stored schema lacks reads as null, a stored feature
   * the target lacks is dropped, and narrower stored types widen (INT32 to INT64, FLOAT to DOUBLE).
   * The result carries the stored schema id.
   *
   * @throws IllegalArgumentException for an unknown format version or schema id, or bad bytes
   */
  public static SelectRecord decode(byte[] bytes, SchemaLookup schemas, OnlineSchema target) {
    return decode(bytes, schemas, target, new Projection[1]);
  }

  /**
   * Where each feature of a stored schema goes in a target schema (-1: dropped) and the type to
   * read it as: the name matching of {@link #decode}, done once per stored schema and target.
   */
  static final class Projection {
    final OnlineSchema stored;
    final OnlineSchema target;
    final int[] at;
    final ValueType[] readAs;

    Projection(OnlineSchema stored, OnlineSchema target) {
      this.stored = stored;
      this.target = target;
      int n = stored.features().size();
      this.at = new int[n];
      this.readAs = new ValueType[n];
      for (int i = 0; i < n; i++) {
        Field field = stored.features().get(i);
        at[i] = target.indexOf(field.name());
        readAs[i] = at[i] < 0 ? field.type() : target.features().get(at[i]).type();
      }
    }
  }

  /**
   * As {@link #decode(byte[], SchemaLookup, OnlineSchema)}, reusing {@code memo[0]} when it was
   * made for the same stored schema id and target, and leaving the one it used there: a caller
   * decoding many records of one view passes the same one-element array for all of them.
   */
  static SelectRecord decode(
      byte[] bytes, SchemaLookup schemas, OnlineSchema target, Projection[] memo) {
    BinaryReader in = new BinaryReader(bytes);
    int version = in.readByte();
    if (version != VERSION) {
      throw new IllegalArgumentException("unknown select record format version " + version);
    }
    int schemaId = TimeOrder.readInt(in);
    long event = TimeOrder.read(in);
    long created = TimeOrder.read(in);
    Projection projection = memo[0];
    if (projection == null || projection.stored.id() != schemaId || projection.target != target) {
      OnlineSchema stored = schemas.find(schemaId);
      if (stored == null) {
        throw new IllegalArgumentException("unknown schema id " + schemaId);
      }
      projection = new Projection(stored, target);
      memo[0] = projection;
    }
    int n = in.readLength();
    if (n != projection.at.length) {
      throw new IllegalArgumentException(
          n + " stored value(s) but schema " + schemaId + " has " + projection.at.length);
    }
    Object[] values = new Object[target.features().size()];
    for (int i = 0; i < n; i++) {
      Object v = ValueCodec.read(in, projection.readAs[i]);
      if (projection.at[i] >= 0) {
        values[projection.at[i]] = v;
      }
    }
    in.requireEnd();
    return new SelectRecord(schemaId, event, created, Arrays.asList(values));
  }
}
