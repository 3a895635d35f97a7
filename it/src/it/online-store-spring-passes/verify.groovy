def log = new File(basedir, 'build.log').text
assert log.contains('[INFO] event-contracts: service mode (com.example.store.StoreApplication), 3 listeners found, 3 contract tests')
assert log.contains('gate passed')
assert log.contains('BUILD SUCCESS')
['AnalyticsListener', 'InventoryListener', 'ShippingListener'].each { name ->
    def r = new groovy.json.JsonSlurper().parse(new File(basedir, "online-store-spring/target/event-contracts/results/${name}-onOrderPlaced.json"))
    assert r.mode == 'service'
    // (a)-(h), (j)-(m): all but (i) (no fixture) and (n) (no Avro)
    assert r.scenarios.count { it.status == 'PASSED' } == 12 : "${name}: ${r.scenarios}"
    assert r.findings == []
}
return true
