def log = new File(basedir, 'build.log').text

assert log.contains('[INFO] event-contracts: verify skipped (<skip>/eventcontracts.skip is true)')
assert !new File(basedir, 'target/event-contracts/report.html').exists() : 'a skipped gate writes no report'
assert log.contains('BUILD SUCCESS')
return true
