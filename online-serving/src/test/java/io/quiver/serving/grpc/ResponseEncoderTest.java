package io.quiver.serving.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.core.model.ValueType;
import io.quiver.proto.serving.v1.GetOnlineFeaturesResponse;
import io.quiver.serving.app.FeatureColumn;
import io.quiver.serving.app.ServedView;
import io.quiver.serving.app.ValueStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The direct encoder writes exactly the bytes of the generated message built by {@link
 * ProtoMapping#response}, for every value type, nulls, defaults, negative numbers, every status,
 * empty names and columns sharing a view.
 */
class ResponseEncoderTest {

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
  void writesTheSameBytesAsTheGeneratedMessage(long seed) throws Exception {
    Random random = new Random(seed);
    List<FeatureColumn> columns = new ArrayList<>();
    int rows = random.nextInt(4) == 0 ? 0 : 1 + random.nextInt(120);
    List<ServedView> views = new ArrayList<>();
    for (int v = 0; v < 1 + random.nextInt(4); v++) {
      ServedView view =
          new ServedView(
              v == 0 ? "" : "view_\u00e9" + v, random.nextInt(3) == 0 ? 0 : 1 + v * 300, rows);
      for (int row = 0; row < rows; row++) {
        view.set(row, time(random), time(random));
      }
      views.add(view);
    }
    for (ValueType type : ValueType.values()) {
      for (int copy = 0; copy < 2; copy++) {
        FeatureColumn c =
            new FeatureColumn(
                random.nextInt(5) == 0 ? "" : "v:" + type.name().toLowerCase() + "\u00e9" + copy,
                views.get(random.nextInt(views.size())),
                type);
        for (int row = 0; row < rows; row++) {
          ValueStatus status = ValueStatus.values()[random.nextInt(ValueStatus.values().length)];
          Object value = random.nextInt(5) == 0 ? null : value(type, random);
          c.set(row, value, status);
        }
        columns.add(c);
      }
    }
    Collections.shuffle(columns, random);
    byte[] expected = ProtoMapping.response(columns).toByteArray();

    byte[] encoded = ResponseEncoder.encode(columns);

    assertThat(GetOnlineFeaturesResponse.parseFrom(encoded))
        .isEqualTo(ProtoMapping.response(columns));
    assertThat(encoded).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1})
  void encodesNoColumnsAndEmptyColumns(int columns) throws Exception {
    List<FeatureColumn> list = new ArrayList<>();
    for (int i = 0; i < columns; i++) {
      list.add(new FeatureColumn("", new ServedView("", 0, 0), ValueType.DOUBLE));
    }
    assertThat(ResponseEncoder.encode(list)).isEqualTo(ProtoMapping.response(list).toByteArray());
  }

  private static long time(Random random) {
    return switch (random.nextInt(4)) {
      case 0 -> 0;
      case 1 -> -random.nextInt(1_000_000);
      default -> random.nextLong() >>> random.nextInt(64);
    };
  }

  private static Object value(ValueType type, Random random) {
    return switch (type) {
      case BOOL -> random.nextBoolean();
      case INT32 -> random.nextInt(3) == 0 ? 0 : random.nextInt() >> random.nextInt(32);
      case INT64 -> random.nextInt(3) == 0 ? 0L : random.nextLong() >> random.nextInt(64);
      case FLOAT -> random.nextInt(3) == 0 ? 0f : (float) random.nextGaussian();
      case DOUBLE -> random.nextInt(3) == 0 ? -0.0 : random.nextGaussian() * 1e6;
      case STRING -> random.nextInt(3) == 0 ? "" : "s\u00fc\ud83d\ude00" + random.nextInt();
      case BYTES -> new byte[random.nextInt(3) == 0 ? 0 : 1 + random.nextInt(40)];
      case TIMESTAMP -> Instant.ofEpochSecond(random.nextInt(), 1000L * random.nextInt(1_000_000));
      case FLOAT_LIST -> List.of(1.5f, (float) random.nextGaussian());
      case DOUBLE_LIST -> random.nextBoolean() ? List.of() : List.of(random.nextGaussian(), 2.0);
      case INT64_LIST -> List.of(random.nextLong(), -1L);
      case STRING_LIST -> List.of("a", "\u00e9" + random.nextInt());
    };
  }
}
