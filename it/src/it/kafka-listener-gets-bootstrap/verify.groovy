def log = new File(basedir, 'build.log').text

def probe = new File(basedir, 'target/probe.txt')
assert probe.exists() : 'the probe produced and consumed a record on the Kafka broker'
def bootstrap = probe.readLines()[0]
assert bootstrap ==~ /127\.0\.0\.1:\d+/

def kafkaConsumers = new File(basedir, 'target/event-contracts/kafka-consumers.txt')
assert kafkaConsumers.text.trim() == 'com.example.analytics.PageViewListener#onPageViewed'

def quoted = java.util.regex.Pattern.quote(bootstrap)
assert log =~ /\[INFO\] event-contracts: started harness broker at amqp:\S+ and embedded registry at \S+ and embedded Kafka 4\.\d+\.\d+ \(KRaft\) at ${quoted} \(eventcontracts.amqp.uri, eventcontracts.admin.uri, eventcontracts.registry.uri, eventcontracts.kafka.bootstrap, eventcontracts.kafka.description set; target\/event-contracts\/endpoints.properties\)/
assert log =~ /\[INFO\] event-contracts: stopped harness broker at amqp:\S+ and embedded registry at \S+ and embedded Kafka 4\.\d+\.\d+ \(KRaft\) at ${quoted} \(.*eventcontracts.kafka.bootstrap, eventcontracts.kafka.description removed\)/
// Kafka's own INFO start-up lines stay out of the build log (only its warnings would show)
assert !(log =~ /\[INFO\] \[(KafkaRaftServer|BrokerServer|ControllerServer|SharedServer)/)
assert !log.contains('Kafka version:') : 'AppInfoParser INFO lines are quiet'
assert !log.contains('QuorumController') && !log.contains('NetworkClient') : 'the known start/stop warnings are quiet'
assert log.contains('BUILD SUCCESS')
return true
