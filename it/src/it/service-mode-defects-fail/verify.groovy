def log = new File(basedir, 'build.log').text
def lines = log.readLines()

def violation = { String listener, String scenario, List<String> fragments ->
    def line = lines.find { it.contains("consumer 'com.example.defects.${listener}#onShipment' ${scenario}: FAILED") }
    assert line != null : "no ${scenario} violation for ${listener}"
    fragments.each { assert line.contains(it) : "${listener} ${scenario}: '${it}' missing in: ${line}" }
}

assert log.contains('[INFO] event-contracts: service mode (com.example.defects.DefectsApplication), 6 listeners found, 6 contract tests')

// (1) a queue without a dead-letter exchange: poison dropped
violation('NoDeadLetterExchangeListener', '(g) undecodable-bytes',
        ["queue 'shipments.no-dlx' has no dead-letter exchange", 'dropped after 1 delivery',
         'NoDeadLetterExchangeListener#onShipment', 'Fix: add x-dead-letter-exchange/x-dead-letter-routing-key'])
// (2) Spring's defaults: a persistent failure is requeued forever
violation('RequeueForeverListener', '(j) retries-exhausted',
        ['RequeueForeverListener#onShipment', 'was requeued forever', 'default-requeue-rejected',
         'Fix: set spring.rabbitmq.listener.simple.default-requeue-rejected: false'])
// (3) a dead-letter exchange nobody declares
violation('UndeclaredDeadLetterExchangeListener', '(g) undecodable-bytes',
        ["dead-letters to exchange 'shipments.nobody-dlx.dlx', which nobody declares",
         "Fix: declare exchange 'shipments.nobody-dlx.dlx'"])
// (4) acknowledge-mode none: acked and lost
violation('AcklessListener', '(j) retries-exhausted',
        ['AcklessListener#onShipment', 'acknowledged on delivery and lost', 'acknowledge-mode = none',
         'Fix: set spring.rabbitmq.listener.simple.acknowledge-mode: auto'])
// (5) an idempotent write, but the outgoing event on every redelivery
violation('RepublishingListener', '(b) lost-ack',
        ['RepublishingListener#onShipment is not idempotent',
         "published 2 messages on exchange 'shipments' with routing key 'republish.stored' (expected 1)"])

// (6) processed shipments recorded in memory: a restart and a second instance announce again
violation('UndeclaredDeadLetterExchangeListener', '(d) batch-replay',
        ['UndeclaredDeadLetterExchangeListener#onShipment is not idempotent', 'after the service restarted',
         "published 4 messages on exchange 'shipments' with routing key 'nobody-dlx.stored' (expected 2)"])
violation('UndeclaredDeadLetterExchangeListener', '(f) concurrent-instances',
        ['two instances of the service', "published 2 messages on exchange 'shipments'"])
// (7) the announcement's confirm is ignored: a publish the broker nacks is lost, the shipment acked
violation('UndeclaredDeadLetterExchangeListener', '(k) transient-recovers',
        ["nacked its publish to exchange 'shipments' with routing key 'nobody-dlx.stored' once",
         'acknowledged the event anyway and its outgoing message was lost'])

assert !log.contains("consumer 'com.example.defects.GoodListener#onShipment'") : 'the right listener is not blamed'
assert log.contains('BUILD FAILURE')

def good = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/event-contracts/results/GoodListener-onShipment.json'))
assert good.mode == 'service'
assert good.effectsObservedAt == 'broker-journal'
assert good.findings == []
assert good.scenarios.find { it.id == 'concurrent-instances' }.status == 'PASSED'
assert good.scenarios.find { it.id == 'transient-recovers' }.status == 'PASSED'
assert good.scenarios.every { it.status in ['PASSED', 'SKIPPED'] }
return true
