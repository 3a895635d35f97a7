def log = new File(basedir, 'build.log').text

// 3: CONSUMERS names the consumer service, the field, where its code reads it and both fixes
assert log.contains("event-contracts: 1 schema checked against 1 registered version and 1 consumer reader, latest per consumer service (CONSUMERS): 1 incompatible")
assert log.contains("Consumer inventory-svc 1.0.0 cannot read subject 'shop.OrderPlaced': its reader schema needs field 'customerId' (no default), and the new schema no longer writes it. Its code reads 'customerId' at src/main/java/com/example/inventory/InventoryConsumer.java:14.")
assert log.contains("fix (consumer): Give 'customerId' a default in inventory-svc's reader schema")
assert log.contains("fix (producer): Keep 'customerId' in the new schema")

// 4, 5: the reader with the default is a new contract version, and the removal passes
assert log.count("event-contracts: recorded 1 consumer contract, 0 unchanged (") == 2
assert log.contains("/registry, group event-contracts.consumers): inventory-svc 1.0.0 reads shop.OrderPlaced (2 field reads)")
assert log.contains("(CONSUMERS): compatible")

// 6: FULL_TRANSITIVE still refuses
assert log.contains("(FULL_TRANSITIVE): 1 incompatible")

// 7, 8
assert log.contains("event-contracts: recorded inventory-svc 1.0.0 in production (reads shop.OrderPlaced, writes nothing; file:")
assert log.contains("event-contracts: 1 schema checked against 1 registered version and 1 consumer reader, deployed in production (CONSUMERS): compatible")
assert log.contains("event-contracts: can-i-deploy order-svc 1.0.0 to production: yes (0 of 1 pair breaks)")
assert log.contains("inventory-svc  1.0.0    shop.OrderPlaced  reads what we write  OK")

def registry = new File(basedir, 'registry/groups')
assert new File(registry, 'event-contracts.consumers/shop.OrderPlaced').isDirectory()
assert new File(registry, 'event-contracts.deployments/production').isDirectory()

def report = new groovy.json.JsonSlurper().parse(new File(basedir, 'order-svc/target/event-contracts/report.json'))
assert report.canIDeploy.deployable == true
assert report.canIDeploy.rows*.service == ['inventory-svc']
assert new File(basedir, 'order-svc/target/event-contracts/report.md').text.contains('### Can I deploy?')
assert log.contains('BUILD SUCCESS')
return true
