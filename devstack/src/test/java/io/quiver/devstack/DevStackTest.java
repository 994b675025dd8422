package io.quiver.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** One full stack for the class: each test proves one server is real; the last one stops it. */
@TestMethodOrder(OrderAnnotation.class)
class DevStackTest {
  private static DevStack stack;
  private static StackEndpoints endpoints;

  @BeforeAll
  static void startAll() {
    long begin = System.nanoTime();
    // Map.of(): ignore any QUIVER_* of the machine running the build; start everything here.
    stack = DevStack.start(DevStackOptions.all().withEnv(Map.of()));
    System.out.printf(
        "devstack: all started in %d ms %s%n",
        Duration.ofNanos(System.nanoTime() - begin).toMillis(), stack.startupTimes());
    endpoints = stack.endpoints();
  }

  @AfterAll
  static void stopIfStillUp() {
    stack.close();
  }

  @Test
  @Order(1)
  void postgresAnswersOverJdbcWithBothDatabases() throws SQLException {
    try (Connection connection =
            DriverManager.getConnection(endpoints.postgres().withCredentials());
        Statement statement = connection.createStatement()) {
      assertThat(scalar(statement, "select version()")).startsWith("PostgreSQL");
      assertThat(scalar(statement, "select current_database()")).isEqualTo("quiver");
    }
    try (Connection catalog =
            DriverManager.getConnection(
                endpoints.catalog().url(),
                endpoints.catalog().user(),
                endpoints.catalog().password());
        Statement statement = catalog.createStatement()) {
      assertThat(scalar(statement, "select current_database()")).isEqualTo("quiver_catalog");
    }
  }

  @Test
  @Order(2)
  void redisAnswersInfoServer() throws IOException {
    URI redis = URI.create(endpoints.redisUrl());
    try (Socket socket = new Socket(redis.getHost(), redis.getPort())) {
      OutputStream out = socket.getOutputStream();
      out.write("*2\r\n$4\r\nINFO\r\n$6\r\nserver\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      assertThat(readBulkString(socket.getInputStream())).contains("redis_version:6.2");
    }
  }

  @Test
  @Order(3)
  void kafkaCarriesARecordFromProducerToConsumer() throws Exception {
    String topic = "devstack-check";
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig())) {
      producer.send(new ProducerRecord<>(topic, "user-1", "hello")).get();
    }
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerConfig())) {
      consumer.subscribe(List.of(topic));
      List<ConsumerRecord<String, String>> received = new ArrayList<>();
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (received.isEmpty() && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(received::add);
      }
      assertThat(received).extracting(ConsumerRecord::value).containsExactly("hello");
    }
  }

  @Test
  @Order(4)
  void warehouseIsAFolderOfItsOwn() {
    assertThat(Path.of(endpoints.warehouse())).isDirectory();
    assertThat(endpoints.toEnv())
        .containsKeys(
            "QUIVER_POSTGRES_URL",
            "QUIVER_CATALOG_URL",
            "QUIVER_REDIS_URL",
            "QUIVER_KAFKA_BOOTSTRAP",
            "QUIVER_WAREHOUSE");
  }

  @Test
  @Order(5)
  void closingLeavesNoProcessAndNoFolder() {
    List<ProcessHandle> processes = stack.processes();
    List<Path> folders = stack.folders();
    assertThat(processes).hasSize(3).allMatch(ProcessHandle::isAlive);
    assertThat(folders).hasSize(4).allMatch(Files::isDirectory);

    long begin = System.nanoTime();
    stack.close();
    System.out.printf(
        "devstack: stopped in %d ms%n", Duration.ofNanos(System.nanoTime() - begin).toMillis());

    assertThat(processes).noneMatch(ProcessHandle::isAlive);
    assertThat(folders).noneMatch(Files::exists);
  }

  private static String scalar(Statement statement, String sql) throws SQLException {
    try (ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getString(1);
    }
  }

  /** A RESP bulk string: {@code $<length>\r\n<bytes>\r\n}. */
  private static String readBulkString(InputStream in) throws IOException {
    StringBuilder header = new StringBuilder();
    for (int c = in.read(); c != '\n'; c = in.read()) {
      header.append((char) c);
    }
    assertThat(header.charAt(0)).as("RESP reply %s", header).isEqualTo('$');
    int length = Integer.parseInt(header.substring(1).trim());
    return new String(in.readNBytes(length), StandardCharsets.UTF_8);
  }

  private static Properties producerConfig() {
    Properties config = new Properties();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, endpoints.kafkaBootstrap());
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    return config;
  }

  private static Properties consumerConfig() {
    Properties config = new Properties();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, endpoints.kafkaBootstrap());
    config.put(ConsumerConfig.GROUP_ID_CONFIG, "devstack-check");
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    return config;
  }
}
