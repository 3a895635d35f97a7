import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.StandardCopyOption

// Copies the archetype module (without target/ and without the RabbitMQ project of its archetype IT) into
// ./copy/spring-boot-archetype, so it and its archetype IT (the -Dbroker=kafka project only) are built outside
// the source tree.
Path repoRoot = basedir.toPath().resolve('../../../..').normalize()
Path archetype = repoRoot.resolve('spring-boot-archetype')
assert Files.isRegularFile(archetype.resolve('pom.xml')) : "spring-boot-archetype/ not found under ${repoRoot}"
// (one level deeper than pom.xml, so the archetype's parent resolves from the IT repository)
Path copy = basedir.toPath().resolve('copy/spring-boot-archetype')
Files.walk(archetype).withCloseable { paths ->
    paths.filter { p ->
        !archetype.relativize(p).startsWith('target') && !archetype.relativize(p).startsWith('src/test/resources/projects/basic')
    }.forEach { p ->
        Path to = copy.resolve(archetype.relativize(p).toString())
        if (Files.isDirectory(p)) {
            Files.createDirectories(to)
        } else {
            Files.copy(p, to, StandardCopyOption.REPLACE_EXISTING)
        }
    }
}
return true
