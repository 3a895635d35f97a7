// Keeps the files of the chosen broker (-Dbroker=rabbitmq, the default, or -Dbroker=kafka).
import java.nio.file.Files
import java.nio.file.Path

Path project = Path.of(request.outputDirectory, request.artifactId)
String broker = request.properties.get('broker') ?: 'rabbitmq'
Path javaDir = project.resolve('src/main/java/' + request.properties.get('package').replace('.', '/'))
Path resources = project.resolve('src/main/resources')
if (broker == 'kafka') {
    Files.deleteIfExists(javaDir.resolve('RabbitConfig.java'))
    Files.move(resources.resolve('kafka-application.yml'), resources.resolve('application.yml'),
            java.nio.file.StandardCopyOption.REPLACE_EXISTING)
} else {
    Files.deleteIfExists(javaDir.resolve('KafkaConfig.java'))
    Files.deleteIfExists(resources.resolve('kafka-application.yml'))
}
