def log = new File(basedir, 'build.log').text

assert log.contains("Invalid value 'fatal' for <failOn> (-Deventcontracts.failOn): use ERROR, WARNING or INFO (e.g. <failOn>WARNING</failOn>).")
assert log.contains('BUILD FAILURE')
return true
