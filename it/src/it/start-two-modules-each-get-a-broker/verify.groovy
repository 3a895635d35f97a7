def log = new File(basedir, 'build.log').text

def uris = ['inventory', 'shipping'].collect { module ->
    def probe = new File(basedir, "${module}/target/probe.txt")
    assert probe.exists() : "${module}'s test talked to a broker"
    def lines = probe.readLines()
    assert lines[0] ==~ /amqp:\/\/guest:guest@127\.0\.0\.1:\d+/
    assert probe.text.contains('eventcontracts.amqp.uri=') : 'endpoints.properties was there during the tests'
    assert !new File(basedir, "${module}/target/event-contracts/endpoints.properties").exists() : 'stop removed it'
    assert log =~ /\[INFO\] event-contracts: started harness broker at ${java.util.regex.Pattern.quote(lines[0])} and embedded registry at http:\/\/127\.0\.0\.1:\d+\/apis\/registry\/v2 \(eventcontracts.amqp.uri, eventcontracts.admin.uri, eventcontracts.registry.uri set; target\/event-contracts\/endpoints.properties\)/
    assert log =~ /\[INFO\] event-contracts: stopped harness broker at ${java.util.regex.Pattern.quote(lines[0])} and embedded registry at http:\/\/127\.0\.0\.1:\d+\/apis\/registry\/v2 \(eventcontracts.amqp.uri, eventcontracts.admin.uri, eventcontracts.registry.uri removed\)/
    lines[0]
}
assert uris[0] != uris[1] : 'each module has its own broker'
assert log.contains('BUILD SUCCESS')
return true
