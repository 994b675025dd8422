package io.quiver.core.aggregate;

import io.quiver.core.value.BinaryReader;
import io.quiver.core.value.BinaryWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * The payload of one online tile of an aggregation view: the partial aggregates of all the view's
 * aggregations for one hop, in the view's aggregation order, so one Redis hash field holds a whole
 * tile and the materializer, serving and the export decode it with this one class.
 *
 * <p>Version 1: {@code [version=0x01][varint count]} then per aggregation a varint length and the
 * {@link PartialAggregateCodec} bytes of its partial (an empty partial when the hop had no value).
 */
public final class TilePayloadCodec {
  public static final int VERSION = 1;

  private TilePayloadCodec() {}

  public static byte[] encode(List<PartialAggregate> partials) {
    byte[][] encoded = new byte[partials.size()][];
    for (int i = 0; i < encoded.length; i++) {
      encoded[i] = PartialAggregateCodec.encode(partials.get(i));
    }
    return ofEncoded(encoded);
  }

  /**
   * The payload of partials already encoded with {@link PartialAggregateCodec#encode}: a writer
   * that also stores each partial on its own (an offline tile row) encodes them once.
   */
  public static byte[] ofEncoded(byte[][] partials) {
    int capacity = 1 + 5; // the version, the count's varint
    for (byte[] p : partials) {
      capacity += 5 + p.length;
    }
    BinaryWriter out = new BinaryWriter(capacity).writeByte(VERSION).writeVarLong(partials.length);
    for (byte[] p : partials) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  /**
   * Decodes a payload written for {@code aggregators} (the view's aggregations, in order).
   *
   * @throws IllegalArgumentException for an unknown version, a count that differs from the
   *     aggregators', or malformed partials
   */
  public static List<PartialAggregate> decode(byte[] payload, List<Aggregator> aggregators) {
    BinaryReader in = new BinaryReader(payload);
    int version = in.readByte();
    if (version != VERSION) {
      throw new IllegalArgumentException("unknown tile payload format version " + version);
    }
    int n = in.readLength();
    if (n != aggregators.size()) {
      throw new IllegalArgumentException(
          "tile payload holds " + n + " aggregate(s), the view has " + aggregators.size());
    }
    List<PartialAggregate> out = new ArrayList<>(n);
    for (Aggregator a : aggregators) {
      out.add(PartialAggregateCodec.decode(in.readBytes(), a));
    }
    in.requireEnd();
    return out;
  }
}
