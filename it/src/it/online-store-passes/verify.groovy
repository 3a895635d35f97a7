def log = new File(basedir, 'build.log').text
def store = new File(basedir, 'online-store')
def reports = new File(store, 'target/event-contracts')

// every gate ran and said so in one line
assert log.contains('[INFO] event-contracts: 2 schemas checked against 4 registered versions (FULL_TRANSITIVE): compatible')
assert log.contains('[INFO] event-contracts: 3 consumers found, 3 contract tests in target/generated-test-sources/event-contracts (3 written, 0 deleted), 0 findings (0 errors, 0 warnings)')
assert log =~ /\[INFO\] event-contracts: started harness broker at amqp:\/\/guest:guest@127\.0\.0\.1:\d+ /
assert log.contains('[INFO] Tests run: 14, Failures: 0, Errors: 0, Skipped: 0') // one consumer's scenarios
assert log.contains('[INFO] Tests run: 43, Failures: 0, Errors: 0, Skipped: 0') // 42 scenarios and OrderServiceIT
assert log =~ /\[INFO\] event-contracts: stopped harness broker at /
assert log.contains('[INFO] event-contracts: 3 consumers, 42 scenarios (42 passed, 0 broken, 0 skipped), 2 schemas (0 incompatible), 0 findings: gate passed')
assert log.contains('BUILD SUCCESS')

// one generated contract test per consumer
['inventory/InventoryConsumerContractIT', 'shipping/ShippingConsumerContractIT', 'analytics/AnalyticsConsumerContractIT'].each {
    assert new File(store, "target/generated-test-sources/event-contracts/com/example/store/${it}.java").isFile() : it
}

def md = new File(reports, 'report.md').text
assert md.contains('| `com.example.store.analytics.AnalyticsConsumer#onOrderPlaced` | `analytics.order-placed.dlq` | ✓ | ✓ | ✓ | ✓ | ✓ | ✓ | ✓ | ✓ | ✓ | ✓ | ✓ | ✓ | ✓ | ✓ |')
assert md.contains('| `com.example.store.inventory.InventoryConsumer#onOrderPlaced` | `inventory.order-placed.dlq` | ✓ | ✓ | ✓ | ✓ | ✓ | ✓ | ✓ | ✓ | ✓ | ✓ | ✓ | ✓ | ✓ | ✓ |')
assert md.contains('| `com.example.store.shipping.ShippingConsumer#onOrderPlaced` | `shipping.order-placed.dlq` | ✓ | ✓ | ✓ | ✓ | ✓ | ✓ | ✓ | ✓ | ✓ | ✓ | ✓ | ✓ | ✓ | ✓ |')
assert md.contains('| `com.example.store.events.OrderPlaced` | `src/main/avro/order-placed.avsc` | FULL_TRANSITIVE | v1, v2 | COMPATIBLE |')
assert md.contains('| `com.example.store.events.ShipmentRequested` | `src/main/avro/shipment-requested.avsc` | FULL_TRANSITIVE | v1, v2 | COMPATIBLE |')
assert !md.contains('### Violations')

def json = new groovy.json.JsonSlurper().parse(new File(reports, 'report.json'))
assert json.verdict == 'PASSED'
def html = new File(reports, 'report.html').text

// generate-asyncapi: an AsyncAPI 3.0.0 document of the three consumers (docs/plugin.md)
assert log =~ /\[INFO\] event-contracts: AsyncAPI 3\.0\.0 document target\/event-contracts\/asyncapi\.yaml: 3 receive operations, \d+ channels, 1 Avro payload/
def asyncapi = new File(reports, 'asyncapi.yaml').text
assert asyncapi.startsWith('asyncapi: 3.0.0\n')
assert asyncapi.count('    action: receive\n') == 3
['inventory', 'shipping', 'analytics'].each { service ->
    def queue = "${service}.order-placed"
    assert asyncapi.contains("  ${queue}:\n    address: ${queue}\n") : queue
    assert asyncapi.contains("  ${queue}.dlq:\n    address: ${queue}.dlq\n") : "${queue}.dlq"
    assert asyncapi.contains("        x-dead-letter-routing-key: ${queue}.dlq\n") : "DLX of ${queue}"
    assert asyncapi.contains("      \$ref: \"#/channels/${queue}\"\n") : "receive operation on ${queue}"
}
assert asyncapi.contains('        is: routingKey\n        exchange:\n          name: orders\n          type: topic\n')
assert asyncapi.contains('        schemaFormat: application/vnd.apache.avro+json;version=1.9.0\n        schema:\n          type: record\n          name: OrderPlaced\n')

// the report draws the flow: one SVG per service, every consumer green, no timeline (nothing failed)
assert html.count('<svg xmlns="http://www.w3.org/2000/svg" class="flow"') == 3
assert html.count('<g class="consumer PASSED"') == 3
assert html.contains('<g class="exchange"><title>orders</title>')
assert !html.contains('class="timeline"')
assert !html.contains('<script')
return true
