package dev.eventcontracts.kafka.wire;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventcontracts.kafka.EmbeddedKafka;
import dev.eventcontracts.kafka.RunTopics;
import dev.eventcontracts.registry.EmbeddedRegistry;
import io.apicurio.registry.serde.SerdeConfig;
import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Real clients, a real topic: Apicurio's Avro serdes (2.6.13.Final) against the embedded registry,
 * and the Confluent framing between Apicurio's serdes and our codec in both directions.
 */
@Timeout(120)
class WireFormatsOverKafkaTest {

    private static EmbeddedKafka kafka;
    private static EmbeddedRegistry registry;
    private RunTopics topics;

    @BeforeAll
    static void start() {
        kafka = EmbeddedKafka.startDefault();
        registry = EmbeddedRegistry.builder().build().start();
    }

    @AfterAll
    static void stop() {
        registry.close();
        kafka.close();
    }

    @BeforeEach
    void topics() {
        topics = kafka.runTopics(RunTopics.newRunId());
    }

    @AfterEach
    void deleteTopics() {
        topics.close();
    }

    private Map<String, Object> apicurio(boolean asConfluent) {
        Map<String, Object> config = new HashMap<>();
        config.put(SerdeConfig.REGISTRY_URL, registry.uri().toString());
        config.put(SerdeConfig.AUTO_REGISTER_ARTIFACT, true);
        config.put(SerdeConfig.ENABLE_HEADERS, false);
        config.put(SerdeConfig.ENABLE_CONFLUENT_ID_HANDLER, asConfluent);
        if (asConfluent) {
            // ccompat schema ids are content ids; Apicurio writes global ids unless told otherwise
            config.put(SerdeConfig.USE_ID, "contentId");
        }
        return config;
    }

    @Test
    void apicurioSerdes_defaultFraming_roundTripThroughTheEmbeddedRegistry() {
        String topic = topics.create("orders", 1);
        AvroKafkaSerializer<GenericRecord> serializer = new AvroKafkaSerializer<>();
        serializer.configure(apicurio(false), false);
        AvroKafkaDeserializer<GenericRecord> deserializer = new AvroKafkaDeserializer<>();
        deserializer.configure(apicurio(false), false);

        send(topic, serializer, ConfluentWireFormatTest.order("o-1", 3));
        List<ConsumerRecord<String, GenericRecord>> read = read(topic, deserializer);

        assertThat(read)
                .singleElement()
                .satisfies(r -> assertThat(r.value()).isEqualTo(ConfluentWireFormatTest.order("o-1", 3)));
        assertThat(registry.store().findArtifact("default", topic + "-value")).isPresent();
    }

    @Test
    void apicurioSerdes_withIdsInHeaders_roundTrip() {
        String topic = topics.create("orders-headers", 1);
        Map<String, Object> config = apicurio(false);
        config.put(SerdeConfig.ENABLE_HEADERS, true);
        AvroKafkaSerializer<GenericRecord> serializer = new AvroKafkaSerializer<>();
        serializer.configure(config, false);
        AvroKafkaDeserializer<GenericRecord> deserializer = new AvroKafkaDeserializer<>();
        deserializer.configure(config, false);

        send(topic, serializer, ConfluentWireFormatTest.order("o-2", 1));
        List<ConsumerRecord<String, GenericRecord>> read = read(topic, deserializer);

        assertThat(read).singleElement().satisfies(r -> {
            assertThat(r.value()).isEqualTo(ConfluentWireFormatTest.order("o-2", 1));
            assertThat(r.headers().lastHeader("apicurio.value.globalId")).isNotNull();
        });
    }

    @Test
    void apicurioSerializerAsConfluent_isDecodedByOurCodecThroughCcompat() {
        String topic = topics.create("orders-confluent", 1);
        AvroKafkaSerializer<GenericRecord> serializer = new AvroKafkaSerializer<>();
        serializer.configure(apicurio(true), false);

        send(topic, serializer, ConfluentWireFormatTest.order("o-3", 7));
        List<ConsumerRecord<String, byte[]>> read = read(topic, new ByteArrayDeserializer());

        ConfluentWireFormat format = new ConfluentWireFormat(new CcompatSchemaLookup(registry.ccompatUri()));
        assertThat(read)
                .singleElement()
                .satisfies(r -> assertThat(format.decode(r.value()).value())
                        .isEqualTo(ConfluentWireFormatTest.order("o-3", 7)));
    }

    @Test
    void ourConfluentEncoding_isReadByApicurioDeserializerAsConfluent() {
        String topic = topics.create("orders-ours", 1);
        ConfluentWireFormat format = new ConfluentWireFormat(new CcompatSchemaLookup(registry.ccompatUri()));
        byte[] bytes =
                format.encode(topic + "-value", ConfluentWireFormatTest.V1, ConfluentWireFormatTest.order("o-4", 2));

        send(topic, new ByteArraySerializer(), bytes);
        AvroKafkaDeserializer<GenericRecord> deserializer = new AvroKafkaDeserializer<>();
        deserializer.configure(apicurio(true), false);
        List<ConsumerRecord<String, GenericRecord>> read = read(topic, deserializer);

        assertThat(read)
                .singleElement()
                .satisfies(r -> assertThat(r.value()).isEqualTo(ConfluentWireFormatTest.order("o-4", 2)));
    }

    @Test
    void apicurioDefaultFraming_namesAGlobalId_thatOurApicurioLookupResolves() {
        String topic = topics.create("orders-global", 1);
        AvroKafkaSerializer<GenericRecord> serializer = new AvroKafkaSerializer<>();
        serializer.configure(apicurio(false), false);

        send(topic, serializer, ConfluentWireFormatTest.order("o-5", 4));
        byte[] bytes = read(topic, new ByteArrayDeserializer()).get(0).value();

        assertThat(bytes[0]).isEqualTo(ConfluentWireFormat.MAGIC_BYTE);
        long globalId = java.nio.ByteBuffer.wrap(bytes, 1, 8).getLong();
        assertThat(new ApicurioGlobalIdLookup(registry.uri()).schema(globalId)).isEqualTo(ConfluentWireFormatTest.V1);
    }

    @Test
    void ourApicurioFraming_withTheGlobalIdOurLookupRegistered_isReadByApicurioDeserializer() {
        String topic = topics.create("orders-our-global", 1);
        long globalId =
                new ApicurioGlobalIdLookup(registry.uri()).register(topic + "-value", ConfluentWireFormatTest.V1);
        byte[] confluent = new ConfluentWireFormat(new CcompatSchemaLookup(registry.ccompatUri()))
                .encode(0, ConfluentWireFormatTest.V1, ConfluentWireFormatTest.order("o-6", 5));
        byte[] bytes = java.nio.ByteBuffer.allocate(9 + confluent.length - 5)
                .put(ConfluentWireFormat.MAGIC_BYTE)
                .putLong(globalId)
                .put(confluent, 5, confluent.length - 5)
                .array();

        send(topic, new ByteArraySerializer(), bytes);
        AvroKafkaDeserializer<GenericRecord> deserializer = new AvroKafkaDeserializer<>();
        deserializer.configure(apicurio(false), false);

        assertThat(read(topic, deserializer))
                .singleElement()
                .satisfies(r -> assertThat(r.value()).isEqualTo(ConfluentWireFormatTest.order("o-6", 5)));
    }

    private static <V> void send(String topic, Serializer<V> serializer, V value) {
        try (KafkaProducer<String, V> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                new StringSerializer(),
                serializer)) {
            producer.send(new ProducerRecord<>(topic, "key", value)).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("send to " + topic + " failed", e);
        }
    }

    private static <V> List<ConsumerRecord<String, V>> read(String topic, Deserializer<V> deserializer) {
        List<ConsumerRecord<String, V>> records = new ArrayList<>();
        try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        kafka.bootstrapServers(),
                        ConsumerConfig.GROUP_ID_CONFIG,
                        "test-" + topic,
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest"),
                new StringDeserializer(),
                deserializer)) {
            // assigned, not subscribed: no group join, so reading starts at once
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (records.isEmpty() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }
}
