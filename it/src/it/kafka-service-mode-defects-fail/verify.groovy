def log = new File(basedir, 'build.log').text
println "verify: see build.log"
assert log.contains('BUILD FAILURE')
return true
