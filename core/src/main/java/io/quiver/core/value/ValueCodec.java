package io.quiver.core.value;

import io.quiver.core.model.ValueType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Quiver's one binary encoding of a typed value, shared by the online store, the offline tables and
 * partial aggregates.
 *
 * <p>Format version 1: {@code [version=0x01][tag][payload]}, where {@code tag} is 0 for null (no
 * payload) or the stored type's code (BOOL=1, INT32=2, INT64=3, FLOAT=4, DOUBLE=5, STRING=6,
 * BYTES=7, TIMESTAMP=8, FLOAT_LIST=9, DOUBLE_LIST=10, INT64_LIST=11, STRING_LIST=12). Payloads:
 * BOOL one byte 0/1; INT32, INT64 a zigzag varint; FLOAT, DOUBLE big-endian IEEE 754; STRING varint
 * length and UTF-8; BYTES varint length and bytes; TIMESTAMP zigzag varint of microseconds since
 * the epoch; lists a varint count and each element's payload. Because the stored type travels with
 * the value, a reader may ask for a wider declared type (INT32 read as INT64, FLOAT as DOUBLE, and
 * the same for FLOAT_LIST as DOUBLE_LIST).
 */
public final class ValueCodec {
  /** The format version this codec writes, the first byte of {@link #encode}'s output. */
  public static final int VERSION = 1;

  private static final int NULL_TAG = 0;

  /** Tag i+1 is TAGS[i]; fixed here rather than taken from enum order, which may change. */
  private static final List<ValueType> TAGS =
      List.of(
          ValueType.BOOL,
          ValueType.INT32,
          ValueType.INT64,
          ValueType.FLOAT,
          ValueType.DOUBLE,
          ValueType.STRING,
          ValueType.BYTES,
          ValueType.TIMESTAMP,
          ValueType.FLOAT_LIST,
          ValueType.DOUBLE_LIST,
          ValueType.INT64_LIST,
          ValueType.STRING_LIST);

  private ValueCodec() {}

  /**
   * Encodes a value of {@code type}; the value is checked as by {@link Values#check}.
   *
   * @throws InvalidValueException when the value is not a canonical {@code type} value
   */
  public static byte[] encode(ValueType type, Object value) {
    BinaryWriter out = new BinaryWriter().writeByte(VERSION);
    write(out, type, value);
    return out.toByteArray();
  }

  /**
   * Decodes bytes from {@link #encode} as a canonical value of {@code declared}, widening when the
   * stored type is narrower.
   *
   * @throws IllegalArgumentException for an unknown version, malformed bytes, or a stored type that
   *     does not widen to {@code declared}
   */
  public static Object decode(byte[] bytes, ValueType declared) {
    BinaryReader in = new BinaryReader(bytes);
    int version = in.readByte();
    if (version != VERSION) {
      throw new IllegalArgumentException("unknown value format version " + version);
    }
    Object value = read(in, declared);
    in.requireEnd();
    return value;
  }

  /** Writes {@code [tag][payload]} without a version byte, for formats that embed values. */
  public static void write(BinaryWriter out, ValueType type, Object value) {
    Object v = Values.check(type, value);
    if (v == null) {
      out.writeByte(NULL_TAG);
      return;
    }
    out.writeByte(TAGS.indexOf(type) + 1);
    if (type.isList()) {
      List<?> list = (List<?>) v;
      out.writeVarLong(list.size());
      list.forEach(e -> writeScalar(out, Values.elementType(type), e));
    } else {
      writeScalar(out, type, v);
    }
  }

  /** Reads what {@link #write} wrote, widened to {@code declared}. */
  public static Object read(BinaryReader in, ValueType declared) {
    int tag = in.readByte();
    if (tag == NULL_TAG) {
      return null;
    }
    ValueType stored = storedType(tag);
    if (!stored.widensTo(declared)) {
      throw new IllegalArgumentException("a stored " + stored + " cannot be read as " + declared);
    }
    if (!declared.isList()) {
      return widen(readScalar(in, stored), declared);
    }
    ValueType element = Values.elementType(declared);
    int n = in.readLength();
    List<Object> list = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      list.add(widen(readScalar(in, Values.elementType(stored)), element));
    }
    return List.copyOf(list);
  }

  private static ValueType storedType(int tag) {
    if (tag > TAGS.size()) {
      throw new IllegalArgumentException("unknown value type tag " + tag);
    }
    return TAGS.get(tag - 1);
  }

  private static void writeScalar(BinaryWriter out, ValueType type, Object v) {
    switch (type) {
      case BOOL -> out.writeByte((Boolean) v ? 1 : 0);
      case INT32 -> out.writeZigZag((Integer) v);
      case INT64 -> out.writeZigZag((Long) v);
      case FLOAT -> out.writeFloat((Float) v);
      case DOUBLE -> out.writeDouble((Double) v);
      case STRING -> out.writeString((String) v);
      case BYTES -> out.writeBytes((byte[]) v);
      case TIMESTAMP -> out.writeZigZag(EpochMicros.of((Instant) v));
      default -> throw new IllegalStateException("not a scalar type: " + type);
    }
  }

  private static Object readScalar(BinaryReader in, ValueType type) {
    return switch (type) {
      case BOOL -> readBool(in);
      case INT32 -> Math.toIntExact(in.readZigZag());
      case INT64 -> in.readZigZag();
      case FLOAT -> in.readFloat();
      case DOUBLE -> in.readDouble();
      case STRING -> in.readString();
      case BYTES -> in.readBytes();
      case TIMESTAMP -> EpochMicros.toInstant(in.readZigZag());
      default -> throw new IllegalStateException("not a scalar type: " + type);
    };
  }

  private static Boolean readBool(BinaryReader in) {
    int b = in.readByte();
    if (b > 1) {
      throw new IllegalArgumentException("bad BOOL byte " + b);
    }
    return b == 1;
  }

  private static Object widen(Object v, ValueType declared) {
    if (declared == ValueType.INT64 && v instanceof Integer i) {
      return i.longValue();
    }
    if (declared == ValueType.DOUBLE && v instanceof Float f) {
      return f.doubleValue();
    }
    return v;
  }
}
