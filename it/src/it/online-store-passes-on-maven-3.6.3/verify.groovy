def log = new File(basedir, 'build.log').text
def reports = new File(basedir, 'online-store/target/event-contracts')

// really Maven 3.6.3, not the wrapper's 3.9.x
assert log.contains('Apache Maven 3.6.3 (cecedd343002696d0abb50b32b541b8a6ba2883f)')

// every goal ran and the gate passed, as on current Maven
assert log.contains('[INFO] event-contracts: 2 schemas checked against 4 registered versions (FULL_TRANSITIVE): compatible')
assert log.contains('[INFO] event-contracts: 3 consumers found, 3 contract tests in target/generated-test-sources/event-contracts (3 written, 0 deleted), 0 findings (0 errors, 0 warnings)')
assert log =~ /\[INFO\] event-contracts: started harness broker at amqp:\/\/guest:guest@127\.0\.0\.1:\d+ /
assert log.contains('[INFO] event-contracts: 3 consumers, 42 scenarios (42 passed, 0 broken, 0 skipped), 2 schemas (0 incompatible), 0 findings: gate passed')
assert log.contains('BUILD SUCCESS')
assert new groovy.json.JsonSlurper().parse(new File(reports, 'report.json')).verdict == 'PASSED'
return true
