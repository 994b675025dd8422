package io.quiver.core.online;

import static io.quiver.core.model.ValueType.INT64;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quiver.core.model.Field;
import io.quiver.core.model.ValueType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReadPlanTest {
  static final OnlineSchema PROFILE =
      new OnlineSchema(1, List.of(new Field("country", ValueType.STRING)));
  static final OnlineSchema CLICKS = new OnlineSchema(1, List.of(new Field("n", ValueType.INT64)));
  final byte[] u1 = EntityKeyCodec.encode(List.of(INT64), List.of(1L));
  final byte[] u2 = EntityKeyCodec.encode(List.of(INT64), List.of(2L));

  @Test
  void readsAllSelectViewsOfAnEntityWithOneMgetAndEachTileKeyOnce() {
    ReadPlan plan =
        ReadPlan.of(
            List.of(
                ViewRead.select("demo", "profile", 1, PROFILE, List.of(u1, u2, u1)),
                ViewRead.select("demo", "clicks", 2, CLICKS, List.of(u1, u2, u1)),
                ViewRead.tiles("demo", "user_features", 1, List.of(u1, u2, u1))));

    assertThat(plan.commands())
        .extracting(ReadPlanTest::render)
        .containsExactly(
            "MGET " + key("profile", 1, u1) + " " + key("clicks", 2, u1),
            "MGET " + key("profile", 1, u2) + " " + key("clicks", 2, u2),
            "HGETALL " + key("user_features", 1, u1),
            "HGETALL " + key("user_features", 1, u2));
  }

  @Test
  void decodesRepliesPerViewAndRowWithMissingValuesAsNull() {
    ReadPlan plan =
        ReadPlan.of(
            List.of(
                ViewRead.select("demo", "profile", 1, PROFILE, List.of(u1, u2)),
                ViewRead.tiles("demo", "user_features", 1, List.of(u1, u2))));
    byte[] fr = SelectRecordCodec.encode(PROFILE, new SelectRecord(1, 10, 11, List.of("fr")));
    Tile late = new Tile(300, 1, 5, new byte[] {2});
    Tile early = new Tile(0, 1, 4, new byte[] {1});

    ReadResult result =
        plan.decode(
            List.of(List.of(fr), Arrays.asList((byte[]) null), flat(late, early), List.of()),
            SchemaLookup.of(PROFILE));

    assertThat(result.select(0, 0)).isEqualTo(new SelectRecord(1, 10, 11, List.of("fr")));
    assertThat(result.select(0, 1)).isNull();
    assertThat(result.tiles(1, 0)).extracting(Tile::startMicros).containsExactly(0L, 300L);
    assertThat(result.tiles(1, 1)).isEmpty();
  }

  @Test
  void decodesEachSelectViewWithItsOwnSchemaIds() {
    // Schema ids are per view version: id 1 means different features in PROFILE and CLICKS.
    ReadPlan plan =
        ReadPlan.of(
            List.of(
                ViewRead.select("demo", "profile", 1, PROFILE, List.of(u1)),
                ViewRead.select("demo", "clicks", 2, CLICKS, List.of(u1))));
    byte[] fr = SelectRecordCodec.encode(PROFILE, new SelectRecord(1, 10, 11, List.of("fr")));
    byte[] n = SelectRecordCodec.encode(CLICKS, new SelectRecord(1, 12, 13, List.of(7L)));

    ReadResult result = plan.decode(List.of(List.of(fr, n)));

    assertThat(result.select(0, 0).values()).containsExactly("fr");
    assertThat(result.select(1, 0).values()).containsExactly(7L);
  }

  @Test
  void anUndecodableValueIsUnreadableAloneAndTheOthersStillRead() {
    ReadPlan plan =
        ReadPlan.of(
            List.of(
                ViewRead.select("demo", "profile", 1, PROFILE, List.of(u1, u2)),
                ViewRead.tiles("demo", "user_features", 1, List.of(u1, u2))));
    byte[] fr = SelectRecordCodec.encode(PROFILE, new SelectRecord(1, 10, 11, List.of("fr")));
    OnlineSchema newer = new OnlineSchema(9, PROFILE.features());
    byte[] unknownId = SelectRecordCodec.encode(newer, new SelectRecord(9, 1, 1, List.of("de")));
    byte[] badTile = {9, 9};
    Tile ok = new Tile(0, 1, 4, new byte[] {1});

    ReadResult result =
        plan.decode(
            List.of(
                List.of(fr), List.of(unknownId), flat(ok), List.of(TileCodec.field(0), badTile)));

    assertThat(result.select(0, 0).values()).containsExactly("fr");
    assertThat(result.unreadable(0, 0)).isEmpty();
    assertThat(result.unreadable(0, 1)).hasValueSatisfying(r -> assertThat(r).contains("9"));
    assertThat(result.tiles(1, 0)).hasSize(1);
    assertThat(result.unreadable(1, 1)).isPresent();
    assertThatThrownBy(() -> result.select(0, 1)).isInstanceOf(IllegalStateException.class);
  }

  private static List<byte[]> flat(Tile... tiles) {
    List<byte[]> out = new ArrayList<>();
    for (Tile t : tiles) {
      out.add(TileCodec.field(t.startMicros()));
      out.add(TileCodec.value(t));
    }
    return out;
  }

  private static String key(String view, int version, byte[] entity) {
    return new String(OnlineKeys.key("demo", view, version, entity), StandardCharsets.US_ASCII);
  }

  private static String render(RedisCommand c) {
    return String.join(
        " ", c.args().stream().map(a -> new String(a, StandardCharsets.US_ASCII)).toList());
  }
}
