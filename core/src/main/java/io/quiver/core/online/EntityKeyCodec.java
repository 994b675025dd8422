package io.quiver.core.online;

import io.quiver.core.model.ValueType;
import io.quiver.core.value.BinaryReader;
import io.quiver.core.value.BinaryWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * Join-key values, in the entity's declared join-key order, as versioned bytes: the entity part of
 * an online key.
 *
 * <p>Format version 1: {@code [version=0x01][varint count]} then per value {@code [tag]} and either
 * (tag 1, STRING) a varint length and UTF-8 bytes or (tag 2, INT64) a zigzag varint. Join key names
 * are not stored: the view in the key fixes them, and leaving them out keeps keys short (Feast
 * stores them and pays for it in memory). The type tag keeps {@code "42"} and {@code 42} apart. The
 * same values in the same order always give the same bytes.
 */
public final class EntityKeyCodec {
  /** The format version this codec writes, the first byte of {@link #encode}'s output. */
  public static final int VERSION = 1;

  private static final int STRING_TAG = 1;
  private static final int INT64_TAG = 2;

  private EntityKeyCodec() {}

  /**
   * Encodes join-key values, each a {@link String} (STRING) or {@link Long} (INT64) matching its
   * declared type in {@code types}.
   *
   * @throws IllegalArgumentException naming the position, type and value of a missing or mistyped
   *     value, or an unsupported join-key type
   */
  public static byte[] encode(List<ValueType> types, List<?> values) {
    if (types.isEmpty() || types.size() != values.size()) {
      throw new IllegalArgumentException(
          "expected " + types.size() + " join-key value(s), got " + values.size());
    }
    BinaryWriter out = new BinaryWriter().writeByte(VERSION).writeVarLong(values.size());
    for (int i = 0; i < values.size(); i++) {
      write(out, i, types.get(i), values.get(i));
    }
    return out.toByteArray();
  }

  /** The values that {@link #encode} encoded, as {@link String} and {@link Long}. */
  public static List<Object> decode(byte[] bytes) {
    BinaryReader in = new BinaryReader(bytes);
    int version = in.readByte();
    if (version != VERSION) {
      throw new IllegalArgumentException("unknown entity key format version " + version);
    }
    int n = in.readLength();
    List<Object> values = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int tag = in.readByte();
      switch (tag) {
        case STRING_TAG -> values.add(in.readString());
        case INT64_TAG -> values.add(in.readZigZag());
        default -> throw new IllegalArgumentException("unknown join-key tag " + tag);
      }
    }
    in.requireEnd();
    return List.copyOf(values);
  }

  private static void write(BinaryWriter out, int i, ValueType type, Object value) {
    if (type == ValueType.STRING && value instanceof String s) {
      out.writeByte(STRING_TAG).writeString(s);
    } else if (type == ValueType.INT64 && value instanceof Long l) {
      out.writeByte(INT64_TAG).writeZigZag(l);
    } else if (type != ValueType.STRING && type != ValueType.INT64) {
      throw new IllegalArgumentException("join key " + i + ": type " + type + " is not a key type");
    } else {
      throw new IllegalArgumentException(
          "join key " + i + ": expected a " + type + ", got " + describe(value));
    }
  }

  private static String describe(Object value) {
    return value == null ? "null" : value.getClass().getSimpleName() + " " + value;
  }
}
