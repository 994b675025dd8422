package io.quiver.core.value;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * An append-only byte buffer with the primitives of Quiver's binary formats: unsigned LEB128
 * varints, zigzag varints for signed integers, big-endian IEEE 754 floats and length-prefixed byte
 * strings.
 */
public final class BinaryWriter {
  private byte[] buf;
  private int size;

  public BinaryWriter() {
    this(32);
  }

  /**
   * A writer with room for {@code capacity} bytes before it grows: a caller that knows about how
   * much it writes (millions of small payloads a batch) saves the copies of growing.
   */
  public BinaryWriter(int capacity) {
    this.buf = new byte[Math.max(1, capacity)];
  }

  public BinaryWriter writeByte(int b) {
    ensure(1);
    buf[size++] = (byte) b;
    return this;
  }

  /** An unsigned varint: 7 bits a byte, least significant group first, high bit = more follow. */
  public BinaryWriter writeVarLong(long v) {
    while ((v & ~0x7FL) != 0) {
      writeByte((int) ((v & 0x7F) | 0x80));
      v >>>= 7;
    }
    return writeByte((int) v);
  }

  /** A signed integer as a zigzag varint, so small magnitudes of either sign stay short. */
  public BinaryWriter writeZigZag(long v) {
    return writeVarLong((v << 1) ^ (v >> 63));
  }

  public BinaryWriter writeFloat(float f) {
    int bits = Float.floatToRawIntBits(f);
    for (int shift = 24; shift >= 0; shift -= 8) {
      writeByte(bits >>> shift);
    }
    return this;
  }

  public BinaryWriter writeDouble(double d) {
    long bits = Double.doubleToRawLongBits(d);
    for (int shift = 56; shift >= 0; shift -= 8) {
      writeByte((int) (bits >>> shift));
    }
    return this;
  }

  /** A varint length, then the bytes. */
  public BinaryWriter writeBytes(byte[] bytes) {
    writeVarLong(bytes.length);
    ensure(bytes.length);
    System.arraycopy(bytes, 0, buf, size, bytes.length);
    size += bytes.length;
    return this;
  }

  /** The bytes from {@code offset} on, with no length prefix (to splice in a nested encoding). */
  public BinaryWriter writeRaw(byte[] bytes, int offset) {
    int n = bytes.length - offset;
    ensure(n);
    System.arraycopy(bytes, offset, buf, size, n);
    size += n;
    return this;
  }

  /** UTF-8 bytes, length-prefixed as by {@link #writeBytes}. */
  public BinaryWriter writeString(String s) {
    return writeBytes(s.getBytes(StandardCharsets.UTF_8));
  }

  public byte[] toByteArray() {
    return Arrays.copyOf(buf, size);
  }

  /** Empties the writer and keeps its buffer, for a caller encoding many small values in turn. */
  public BinaryWriter reset() {
    size = 0;
    return this;
  }

  private void ensure(int more) {
    if (size + more > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
    }
  }
}
