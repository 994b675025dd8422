package io.quiver.core.online;

import static io.quiver.core.model.ValueType.INT64;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class OnlineKeysTest {
  private final byte[] user42 = EntityKeyCodec.encode(List.of(INT64), List.of(42L));

  @Test
  void namesProjectViewVersionAndTagsTheEntity() {
    String key = text(OnlineKeys.key("demo", "user_features", 3, user42));

    assertThat(key).startsWith("q:demo:user_features:3:{").endsWith("}");
    assertThat(OnlineKeys.entityKey(key.getBytes(StandardCharsets.US_ASCII))).isEqualTo(user42);
  }

  @Test
  void givesEveryViewOfOneEntityTheSameHashTag() {
    String a = text(OnlineKeys.key("demo", "user_features", 1, user42));
    String b = text(OnlineKeys.key("demo", "user_clicks", 7, user42));

    assertThat(hashTag(a)).isEqualTo(hashTag(b));
    assertThat(a).isNotEqualTo(b);
  }

  @Test
  void versionPatternMatchesOnlyThatVersion() {
    assertThat(OnlineKeys.versionPattern("demo", "user_features", 1))
        .isEqualTo("q:demo:user_features:1:*");
  }

  @Test
  void rejectsNamesThatCouldBreakTheLayout() {
    assertThatThrownBy(() -> OnlineKeys.key("demo", "a:b", 1, user42))
        .hasMessageContaining("view name 'a:b'");
    assertThatThrownBy(() -> OnlineKeys.key("De{mo}", "v", 1, user42))
        .hasMessageContaining("project name 'De{mo}'");
    assertThatThrownBy(() -> OnlineKeys.key("demo", "v", 0, user42))
        .hasMessageContaining("version must be >= 1");
  }

  private static String text(byte[] key) {
    return new String(key, StandardCharsets.US_ASCII);
  }

  /** The part Redis Cluster hashes: between the first '{' and the next '}'. */
  private static String hashTag(String key) {
    int open = key.indexOf('{');
    return key.substring(open + 1, key.indexOf('}', open));
  }
}
