def log = new File(basedir, 'build.log').text
def store = new File(basedir, 'online-store-kafka')
def reports = new File(store, 'target/event-contracts')

// the schemas against the committed registry, then three Kafka consumers and their contract tests
assert log.contains('[INFO] event-contracts: 2 schemas checked against 4 registered versions (FULL_TRANSITIVE): compatible')
assert log.contains('[INFO] event-contracts: 3 consumers found, 3 contract tests in target/generated-test-sources/event-contracts (3 written, 0 deleted), 0 findings (0 errors, 0 warnings)')
assert new File(reports, 'kafka-consumers.txt').text.readLines() == [
        'com.example.store.analytics.AnalyticsConsumer#onOrderPlaced',
        'com.example.store.inventory.InventoryConsumer#onOrderPlaced',
        'com.example.store.shipping.ShippingConsumer#onOrderPlaced']
def generated = new File(store, 'target/generated-test-sources/event-contracts/com/example/store/analytics/AnalyticsConsumerContractIT.java').text
assert generated.contains('builder.topic("orders.placed");')
assert generated.contains('builder.deadLetterTopic("analytics.orders.placed.DLT");')
assert generated.contains('builder.orderedBy("customerId");')
assert generated.contains('contract.verify(Scenario.KEY_ORDERING);')

// start started a real Kafka broker (KRaft) because Kafka consumers were found
assert log =~ /\[INFO\] event-contracts: started harness broker at \S+ and embedded registry at \S+ and embedded Kafka 4\.\d+\.\d+ \(KRaft\) at 127\.0\.0\.1:\d+ /

// every consumer passes (a)-(n); (o) runs for analytics, the one that declares orderedBy
assert log.contains('[INFO] Tests run: 15, Failures: 0, Errors: 0, Skipped: 0') // analytics
assert log.contains('[INFO] Tests run: 2, Failures: 0, Errors: 0, Skipped: 0') // OrderServiceTest
assert log.contains('Tests run: 46, Failures: 0, Errors: 0, Skipped: 2') // 45 scenarios and OrderServiceIT on the same Kafka
assert log =~ /Tests run: 1, Failures: 0, Errors: 0, Skipped: 0, Time elapsed: .* in com\.example\.store\.order\.OrderServiceIT/ // it found the Kafka
assert log.contains('[INFO] event-contracts: 3 consumers, 45 scenarios (43 passed, 0 broken, 2 skipped), 2 schemas (0 incompatible), 0 findings: gate passed')
assert log.contains('BUILD SUCCESS')

def md = new File(reports, 'report.md').text
assert md.contains('| `com.example.store.analytics.AnalyticsConsumer#onOrderPlaced` (embedded Kafka) | `analytics.orders.placed.DLT` | ✓ | ✓ | ✓ | ✓ | ✓ | ✓ | ✓ | ✓ | ✓ | ✓ | ✓ | ✓ | ✓ | ✓ | ✓ |')
assert md.contains('| `com.example.store.inventory.InventoryConsumer#onOrderPlaced` (embedded Kafka) | `inventory.orders.placed.DLT` | ✓ | ✓ | ✓ | ✓ | ✓ | ✓ | ✓ | ✓ | ✓ | ✓ | ✓ | ✓ | ✓ | ✓ | – |')
assert md.contains('| `com.example.store.shipping.ShippingConsumer#onOrderPlaced` (embedded Kafka) | `shipping.orders.placed.DLT` | ✓ | ✓ | ✓ | ✓ | ✓ | ✓ | ✓ | ✓ | ✓ | ✓ | ✓ | ✓ | ✓ | ✓ | – |')
assert md.contains('Scenarios ran on: embedded Kafka (3).')

// the results say which broker ran the scenarios, and why (o) was skipped for the others
def results = new groovy.json.JsonSlurper().parse(new File(reports, 'results/ShippingConsumer-onOrderPlaced.json'))
assert results.transport == 'kafka'
assert results.brokerKind == 'embedded-kafka'
assert results.topic == 'orders.placed'
def o = results.scenarios.find { it.letter == 'o' }
assert o.status == 'SKIPPED' && o.message.contains('declares no orderedBy')
assert new groovy.json.JsonSlurper().parse(new File(reports, 'report.json')).verdict == 'PASSED'
return true
