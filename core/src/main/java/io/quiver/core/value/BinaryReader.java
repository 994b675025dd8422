package io.quiver.core.value;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads what {@link BinaryWriter} wrote. Truncated or malformed input raises {@link
 * IllegalArgumentException} with the offset, never an index error.
 */
public final class BinaryReader {
  // Big-endian, as BinaryWriter writes them; one bounds check and load instead of a byte at a time
  // (a serving answer decodes thousands of doubles).
  private static final VarHandle INT =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle LONG =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
  private final byte[] buf;
  private int pos;

  public BinaryReader(byte[] buf) {
    this.buf = buf;
  }

  public int readByte() {
    require(1);
    return buf[pos++] & 0xFF;
  }

  public long readVarLong() {
    long v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      int b = readByte();
      v |= (long) (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        return v;
      }
    }
    throw new IllegalArgumentException("varint longer than 10 bytes at offset " + pos);
  }

  public long readZigZag() {
    long v = readVarLong();
    return (v >>> 1) ^ -(v & 1);
  }

  /** A varint count or length, checked to be a plausible non-negative int. */
  public int readLength() {
    long n = readVarLong();
    if (n < 0 || n > buf.length - pos) {
      throw new IllegalArgumentException("bad length " + n + " at offset " + pos);
    }
    return (int) n;
  }

  public float readFloat() {
    require(4);
    int bits = (int) INT.get(buf, pos);
    pos += 4;
    return Float.intBitsToFloat(bits);
  }

  public double readDouble() {
    require(8);
    long bits = (long) LONG.get(buf, pos);
    pos += 8;
    return Double.longBitsToDouble(bits);
  }

  public byte[] readBytes() {
    int n = readLength();
    byte[] out = Arrays.copyOfRange(buf, pos, pos + n);
    pos += n;
    return out;
  }

  public String readString() {
    int n = readLength();
    String out = new String(buf, pos, n, StandardCharsets.UTF_8);
    pos += n;
    return out;
  }

  public boolean atEnd() {
    return pos == buf.length;
  }

  /** Fails unless every byte was read: trailing bytes mean a format this reader does not know. */
  public void requireEnd() {
    if (!atEnd()) {
      throw new IllegalArgumentException((buf.length - pos) + " unexpected trailing bytes");
    }
  }

  private void require(int n) {
    if (pos + n > buf.length) {
      throw new IllegalArgumentException("truncated input: needs " + n + " byte(s) at " + pos);
    }
  }
}
