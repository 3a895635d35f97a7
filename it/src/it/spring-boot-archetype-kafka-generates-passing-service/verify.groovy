def log = new File(basedir, 'build.log').text
def project = new File(basedir, 'copy/spring-boot-archetype/target/test-classes/projects/kafka/project/inventory-service')

assert log.contains('[INFO] Project created from Archetype in dir: ')
assert log.contains('BUILD SUCCESS')
assert !new File(project, 'src/main/java/com/example/inventory/RabbitConfig.java').exists()
assert new File(project, 'src/main/java/com/example/inventory/KafkaConfig.java').exists()

// `mvn verify` on the generated Kafka service: start started Kafka, Kafka service mode ran, the gate passed
def serviceLog = new File(project, 'build.log').text
assert serviceLog.contains('[INFO] event-contracts: service mode (com.example.inventory.Application), 1 listener found, 1 contract test in target/generated-test-sources/event-contracts (1 written, 0 deleted)')
assert serviceLog.contains('embedded Kafka')
assert serviceLog.contains('gate passed')
assert serviceLog.contains('BUILD SUCCESS')

def results = new groovy.json.JsonSlurper().parse(new File(project, 'target/event-contracts/results/OrderPlacedListener-onOrderPlaced.json'))
assert results.consumer == 'com.example.inventory.OrderPlacedListener#onOrderPlaced'
assert results.mode == 'service'
assert results.transport == 'kafka'
assert results.broker.startsWith('embedded Kafka 4.1.2 (KRaft) at 127.0.0.1:')
assert results.brokerKind == 'embedded-kafka'
assert results.deadLetterTopic == 'orders.placed-dlt'
def passed = results.scenarios.findAll { it.status == 'PASSED' }*.id
assert passed.containsAll(['duplicate-delivery', 'commit-lost', 'rebalance-mid-batch', 'offset-replay',
        'new-key-and-headers', 'undecodable-bytes', 'wrong-schema', 'retries-exhausted',
        'no-head-of-line-blocking', 'conservation'])
assert results.scenarios.every { it.status in ['PASSED', 'SKIPPED'] }
return true
