def log = new File(basedir, 'build.log').text
def report = new File(basedir, 'target/event-contracts')

// generate-contract-tests: two Kafka consumers, Kafka contract tests (scenarios a-o)
assert log.contains("[INFO]   consumer com.example.ShippingConsumer#onOrderPlaced (@EventConsumer, Kafka topic 'shipping.orders', dead-letter topic 'shipping.orders.DLT', fixture com.example.ShippingFixture")
assert log.contains('[INFO] event-contracts: 2 consumers found, 2 contract tests in target/generated-test-sources/event-contracts (2 written, 0 deleted), 0 findings')
def generated = new File(basedir, 'target/generated-test-sources/event-contracts/com/example/ShippingConsumerContractIT.java').text
assert generated.contains('builder.topic("shipping.orders");')
assert generated.contains('builder.deadLetterTopic("shipping.orders.DLT");')
assert generated.contains('contract.verify(Scenario.COMMIT_LOST);')
assert generated.contains('contract.verify(Scenario.KEY_ORDERING);')
assert !generated.contains('Scenario.LOST_ACK') : 'no AMQP scenario for a Kafka consumer'
assert new File(basedir, 'target/event-contracts/kafka-consumers.txt').text.readLines() == ['com.example.InventoryConsumer#onOrderPlaced', 'com.example.ShippingConsumer#onOrderPlaced']

// start started a real Kafka broker because Kafka consumers were found
assert log =~ /\[INFO\] event-contracts: started harness broker at amqp:\S+ and embedded Kafka 4\.\d+\.\d+ \(KRaft\) at 127\.0\.0\.1:\d+ /

// the gate names the non-idempotent consumer, not the idempotent one
assert log =~ /\[INFO\] event-contracts: 2 consumers, 30 scenarios \(\d+ passed, \d+ broken, \d+ skipped\), 0 schemas \(0 incompatible\), 0 findings: gate failed with \d+ violations at ERROR or above/
assert log.contains("  - consumer 'com.example.ShippingConsumer#onOrderPlaced' (a) duplicate-delivery: FAILED: ShippingConsumer is not idempotent: producing OrderPlaced{orderId=o-1} twice (a producer retry: two offsets) state 'o-1' is ")
assert log.contains("  - consumer 'com.example.ShippingConsumer#onOrderPlaced' (b) commit-lost: FAILED: ShippingConsumer is not idempotent: processing OrderPlaced{orderId=o-1}, crashing before the offset commit")
assert !log.contains("consumer 'com.example.InventoryConsumer#onOrderPlaced' (") : 'the idempotent consumer is not blamed'
assert log.contains('BUILD FAILURE')

// results and reports say which broker ran the scenarios
def results = new groovy.json.JsonSlurper().parse(new File(report, 'results/ShippingConsumer-onOrderPlaced.json'))
assert results.transport == 'kafka'
assert results.brokerKind == 'embedded-kafka'
assert results.broker ==~ /embedded Kafka 4\.\d+\.\d+ \(KRaft\) at 127\.0\.0\.1:\d+/
assert results.topic == 'shipping.orders'
assert results.scenarios*.letter == ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm', 'n', 'o']
def md = new File(report, 'report.md').text
assert md.contains('| `com.example.InventoryConsumer#onOrderPlaced` (embedded Kafka) | `inventory.orders.DLT` |')
assert md.contains('Scenarios ran on: embedded Kafka (2).')
return true
