def log = new File(basedir, 'build.log').text
assert log.indexOf('BUILD FAILURE') > 0 : 'the -Pdefect build did not fail'
int split = log.lastIndexOf('Scanning for projects')  // the second invocation starts here
assert split > log.indexOf('BUILD FAILURE')
def defect = log.substring(0, split)
def passing = log.substring(split)

def found = '[INFO] event-contracts: service mode (com.example.shipping.ShippingApplication), 3 listeners found, 3 contract tests'
assert defect.contains(found)
assert passing.contains(found)

// (1) Spring's defaults on Boot 3.5: the listener is named with the property and the fix
def line = defect.readLines().find {
    it.contains("consumer 'com.example.shipping.OrderPlacedListener#onOrderPlaced' (j) retries-exhausted: FAILED")
}
assert line != null : 'no (j) violation naming OrderPlacedListener#onOrderPlaced'
['was requeued forever', 'spring.rabbitmq.listener.simple.default-requeue-rejected = true',
 'Fix: set spring.rabbitmq.listener.simple.default-requeue-rejected: false',
 'spring.rabbitmq.listener.simple.retry.max-attempts: 3'].each {
    assert line.contains(it) : "'${it}' missing in: ${line}"
}
assert defect.readLines().any {
    it.contains("consumer 'com.example.shipping.ParcelEventsListener#handle(ParcelScanned)' (j) retries-exhausted: FAILED")
}

// (2) as written: passes, DLX by policy, @EventConsumer claims held against the real configuration
assert passing.contains('gate passed')
assert passing.contains('BUILD SUCCESS')
def results = new File(basedir, 'target/event-contracts/results')
def orders = new groovy.json.JsonSlurper().parse(new File(results, 'OrderPlacedListener-onOrderPlaced.json'))
assert orders.mode == 'service'
assert orders.deadLetterQueue == 'shipping.dlx' : 'the DLX the policy supplies'
def passed = orders.scenarios.findAll { it.status == 'PASSED' }*.id
assert passed.containsAll(['duplicate-delivery', 'lost-ack', 'undecodable-bytes', 'wrong-schema', 'retries-exhausted',
        'no-head-of-line-blocking', 'conservation'])
assert orders.scenarios.every { it.status in ['PASSED', 'SKIPPED'] }
['ParcelScanned', 'ParcelLost'].each { type ->
    def handler = new groovy.json.JsonSlurper().parse(new File(results, "ParcelEventsListener-handle-${type}.json"))
    assert handler.consumer == "com.example.shipping.ParcelEventsListener#handle(${type})"
    assert handler.scenarios.find { it.id == 'lost-ack' }.status == 'PASSED'
    assert handler.scenarios.find { it.id == 'retries-exhausted' }.status == 'PASSED'
}
return true
