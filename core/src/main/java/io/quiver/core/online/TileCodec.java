package io.quiver.core.online;

import io.quiver.core.value.BinaryReader;
import io.quiver.core.value.BinaryWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The bytes of a tile in Redis: a hash per (project, view, version, entity) whose field is the
 * tile's start in epoch micros as decimal ASCII (so {@code tiles_put.lua} can compare starts with
 * {@code tonumber}, exact below 2^53 micros, year 2255) and whose value is, in format version 1:
 *
 * <pre>
 * offset 0     u8   format version (1)
 * offset 1..4  u32  schema id, big-endian
 * offset 5..12 i64  created micros, big-endian with the sign bit flipped
 * offset 13..       the aggregate payload, opaque here
 * </pre>
 */
public final class TileCodec {
  public static final int VERSION = 1;

  private TileCodec() {}

  public static byte[] field(long startMicros) {
    return Long.toString(startMicros).getBytes(StandardCharsets.US_ASCII);
  }

  public static byte[] value(Tile tile) {
    BinaryWriter out = new BinaryWriter().writeByte(VERSION);
    TimeOrder.writeInt(out, tile.schemaId());
    TimeOrder.write(out, tile.createdTimeMicros());
    byte[] header = out.toByteArray();
    byte[] payload = tile.payload();
    byte[] bytes = Arrays.copyOf(header, header.length + payload.length);
    System.arraycopy(payload, 0, bytes, header.length, payload.length);
    return bytes;
  }

  /**
   * @throws IllegalArgumentException for an unknown format version or bad bytes
   */
  public static Tile decode(byte[] field, byte[] value) {
    long start;
    try {
      start = Long.parseLong(new String(field, StandardCharsets.US_ASCII));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("bad tile field " + Arrays.toString(field), e);
    }
    BinaryReader in = new BinaryReader(value);
    int version = in.readByte();
    if (version != VERSION) {
      throw new IllegalArgumentException("unknown tile format version " + version);
    }
    int schemaId = TimeOrder.readInt(in);
    long created = TimeOrder.read(in);
    return new Tile(start, schemaId, created, Arrays.copyOfRange(value, 13, value.length));
  }
}
