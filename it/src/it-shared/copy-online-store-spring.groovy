import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.StandardCopyOption

// Shared by the online-store-spring ITs (their prebuild.groovy evaluates it). Copies examples/online-store-spring
// (without target/ and the registry lock) into the IT's directory,
// so the example is built exactly as a user builds it and its outputs stay out of the source tree.
Path repoRoot = basedir.toPath().resolve('../../../..').normalize()
Path example = repoRoot.resolve('examples/online-store-spring')
assert Files.isRegularFile(example.resolve('pom.xml')) : "examples/online-store-spring not found under ${repoRoot}"
Path copy = basedir.toPath().resolve('online-store-spring')
Files.walk(example).withCloseable { paths ->
    paths.filter { p ->
        Path rel = example.relativize(p)
        !(rel.startsWith('target') || rel.toString() == 'src/main/registry/.lock')
    }.forEach { p ->
        Path to = copy.resolve(example.relativize(p).toString())
        if (Files.isDirectory(p)) {
            Files.createDirectories(to)
        } else {
            Files.copy(p, to, StandardCopyOption.REPLACE_EXISTING)
        }
    }
}
return true
