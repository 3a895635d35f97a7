def log = new File(basedir, 'build.log').text
def project = new File(basedir, 'copy/spring-boot-archetype/target/test-classes/projects/basic/project/inventory-service')

assert log.contains('[INFO] Project created from Archetype in dir: ')
assert log.contains('BUILD SUCCESS')

// `mvn verify` on the generated Spring Boot service ran service mode and passed
def serviceLog = new File(project, 'build.log').text
assert serviceLog.contains('[INFO] event-contracts: service mode (com.example.inventory.Application), 1 listener found, 1 contract test in target/generated-test-sources/event-contracts (1 written, 0 deleted)')
assert serviceLog.contains('gate passed')
assert serviceLog.contains('BUILD SUCCESS')

def results = new groovy.json.JsonSlurper().parse(new File(project, 'target/event-contracts/results/OrderPlacedListener-onOrderPlaced.json'))
assert results.consumer == 'com.example.inventory.OrderPlacedListener#onOrderPlaced'
assert results.mode == 'service'
def passed = results.scenarios.findAll { it.status == 'PASSED' }*.id
assert passed.containsAll(['duplicate-delivery', 'lost-ack', 'out-of-order-redelivery', 'batch-replay',
        'republished-new-message-id', 'concurrent-instances', 'undecodable-bytes', 'wrong-schema',
        'retries-exhausted', 'transient-recovers', 'no-head-of-line-blocking', 'conservation'])
assert results.effectsObservedAt == 'broker-journal'
assert results.findings == []
assert results.scenarios.every { it.status in ['PASSED', 'SKIPPED'] }
return true
