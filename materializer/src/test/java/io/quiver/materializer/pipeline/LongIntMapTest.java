package io.quiver.materializer.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LongIntMapTest {
  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5})
  void agreesWithAHashMapOnRandomPutsAndGets(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    LongIntMap map = new LongIntMap(1);
    Map<Long, Integer> oracle = new HashMap<>();
    long range = random.nextBoolean() ? 1_000 : Long.MAX_VALUE; // dense keys, or all bits
    for (int i = 0; i < 50_000; i++) {
      long key = random.nextLong(range) - (range == 1_000 ? 500 : 0);
      if (random.nextInt(3) == 0) {
        int value = random.nextInt(Integer.MAX_VALUE);
        map.put(key, value);
        oracle.put(key, value);
      } else {
        assertThat(map.get(key))
            .as("seed %d, key %d", seed, key)
            .isEqualTo(oracle.getOrDefault(key, -1));
      }
    }
    assertThat(map.size()).as("seed %d", seed).isEqualTo(oracle.size());
    oracle.forEach((k, v) -> assertThat(map.get(k)).as("seed %d, key %d", seed, k).isEqualTo(v));
  }
}
