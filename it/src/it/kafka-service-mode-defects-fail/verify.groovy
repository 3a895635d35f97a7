def log = new File(basedir, 'build.log').text
def lines = log.readLines()

def violation = { String listener, String scenario, List<String> fragments ->
    def line = lines.find { it.contains("consumer 'com.example.kafkadefects.${listener}#onShipment' ${scenario}: FAILED") }
    assert line != null : "no ${scenario} violation for ${listener}"
    fragments.each { assert line.contains(it) : "${listener} ${scenario}: '${it}' missing in: ${line}" }
}

assert log.contains('[INFO] event-contracts: service mode (com.example.kafkadefects.DefectsApplication), 5 listeners found, 5 contract tests')
assert log.contains('and embedded Kafka 4.1.2 (KRaft) at 127.0.0.1:')

// (1) a DefaultErrorHandler without a recoverer: records logged and skipped
violation('SkippingListener', '(j) retries-exhausted',
        ['no DeadLetterPublishingRecoverer', 'SkippingListener#onShipment', 'was logged and skipped',
         "group 'skipping' committed past it",
         'Fix: give the container factory an error handler that dead-letters: new DefaultErrorHandler(new DeadLetterPublishingRecoverer(template)'])
// (2) a non-idempotent listener: the same record twice, a lost commit, a restart
violation('DuplicatingListener', '(a) duplicate-delivery',
        ['DuplicatingListener#onShipment is not idempotent', "{record on 'stored.duplicating'=1}",
         "{record on 'stored.duplicating'=2}"])
violation('DuplicatingListener', '(d) offset-replay', ['after the service restarted'])
violation('DuplicatingListener', '(f) group-rebalance',
        ['DuplicatingListener#onShipment is not idempotent', 'two instances of the service in one group across a rebalance',
         "{record on 'stored.duplicating'=2}", "{record on 'stored.duplicating'=3}"])
// (3) a poison pill without ErrorHandlingDeserializer
violation('UnguardedListener', '(g) undecodable-bytes',
        ['UnguardedListener#onShipment', 'no ErrorHandlingDeserializer', 'JacksonJsonDeserializer',
         'Fix: wrap the deserializer: spring.kafka.consumer.value-deserializer=org.springframework.kafka.support.serializer.ErrorHandlingDeserializer'])
// (4) retry topics on a listener that declares per-key order
violation('RetryTopicsListener', '(o) key-ordering',
        ['RetryTopicsListener#onShipment declares @EventConsumer(orderedBy = "orderId")', 'shipments.retrytopics-retry',
         'Fix: retry in place for ordered listeners: remove @RetryableTopic'])

assert !log.contains("consumer 'com.example.kafkadefects.GoodListener#onShipment'") : 'the right listener is not blamed'
assert log.contains('BUILD FAILURE')

def good = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/event-contracts/results/GoodListener-onShipment.json'))
assert good.mode == 'service'
assert good.transport == 'kafka'
assert good.brokerKind == 'embedded-kafka'
assert good.deadLetterTopic == 'shipments.good-dlt'
assert good.scenarios.every { it.status in ['PASSED', 'SKIPPED'] }
assert good.scenarios.findAll { it.status == 'PASSED' }.size() == 11
return true
