import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.StandardCopyOption

// Shared by the ITs that build an example (their prebuild.groovy sets `exampleName`, e.g.
// 'online-store', and evaluates this script with the same binding). Copies examples/<exampleName>
// (without target/ and the registry lock) into the IT's directory, so the example is built exactly
// as a user builds it and its outputs stay out of the source tree.
assert binding.hasVariable('exampleName') : 'prebuild.groovy must set exampleName before evaluating copy-example.groovy'
Path repoRoot = basedir.toPath().resolve('../../../..').normalize()
Path example = repoRoot.resolve("examples/${exampleName}")
assert Files.isRegularFile(example.resolve('pom.xml')) : "examples/${exampleName} not found under ${repoRoot}"
Path copy = basedir.toPath().resolve(exampleName as String)
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
