package io.quiver.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class LocalKafkaClusterIdTest {
  /** A CI run failed when the storage tool read an id starting with '-' as an option. */
  @Test
  void clusterIdsAreSixteenBytesAndNeverLookLikeAnOption() {
    for (int i = 0; i < 5_000; i++) { // ~78 ids starting with '-' expected without the guard
      String id = LocalKafka.clusterId();
      assertThat(id).doesNotStartWith("-").hasSize(22);
      assertThat(Base64.getUrlDecoder().decode(id)).hasSize(16);
    }
  }
}
