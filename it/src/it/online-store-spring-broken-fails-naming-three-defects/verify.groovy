def log = new File(basedir, 'build.log').text
def lines = log.readLines()
def violation = { String listener, String scenario, List<String> fragments ->
    def line = lines.find { it.contains("consumer 'com.example.store.${listener}#onOrderPlaced' ${scenario}: FAILED") }
    assert line != null : "no ${scenario} violation for ${listener}"
    fragments.each { assert line.contains(it) : "${listener} ${scenario}: '${it}' missing in: ${line}" }
}
// 1. the analytics queue has no dead-letter exchange
violation('AnalyticsListener', '(g) undecodable-bytes',
        ["queue 'analytics.order-placed' has no dead-letter exchange", 'Fix: add x-dead-letter-exchange'])
// 2. Spring's defaults: a failing order is requeued forever (every listener)
violation('InventoryListener', '(j) retries-exhausted',
        ['was requeued forever', 'spring.rabbitmq.listener.simple.default-requeue-rejected = true (Spring\'s default)',
         'Fix: set spring.rabbitmq.listener.simple.default-requeue-rejected: false'])
// 3. shipping announces a shipment on every redelivery
violation('ShippingListener', '(b) lost-ack',
        ['ShippingListener#onOrderPlaced is not idempotent',
         "published 2 messages on exchange 'store' with routing key 'shipment.created' (expected 1)"])
assert log.contains('BUILD FAILURE')
return true
