package dev.eventcontracts.spring;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.ResolvableType;
import org.springframework.core.type.filter.AssignableTypeFilter;
import org.springframework.util.ClassUtils;

/**
 * Finds the {@link ServiceFixture} of a listener: a class implementing {@code
 * ServiceFixture<Listener>} in the application's package or below (the first by name when there
 * are several). Both service modes use it: RabbitMQ's {@code ServiceSession} and Kafka's {@code
 * KafkaServiceSession}.
 */
public final class FixtureLookup {

    private FixtureLookup() {}

    /** The fixture class for {@code listener}, searched under {@code application}'s package. */
    public static Optional<Class<?>> find(Class<?> application, Class<?> listener) {
        if (application.getPackageName().isEmpty()) {
            return Optional.empty(); // the default package would mean scanning the whole class path
        }
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AssignableTypeFilter(ServiceFixture.class));
        ClassLoader loader = application.getClassLoader();
        List<Class<?>> found = new ArrayList<>();
        for (BeanDefinition candidate : scanner.findCandidateComponents(application.getPackageName())) {
            try {
                Class<?> type = ClassUtils.forName(candidate.getBeanClassName(), loader);
                Class<?> target = ResolvableType.forClass(type)
                        .as(ServiceFixture.class)
                        .getGeneric(0)
                        .resolve();
                if (listener.equals(target)) {
                    found.add(type);
                }
            } catch (ClassNotFoundException | LinkageError e) {
                // not loadable here: not ours
            }
        }
        return found.stream().min(Comparator.comparing(Class::getName));
    }

    /**
     * An instance of {@code fixture}.
     *
     * @throws IllegalStateException naming the class and the fix when it cannot be made
     */
    public static ServiceFixture<?> instantiate(Class<?> fixture) {
        try {
            return (ServiceFixture<?>) fixture.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new IllegalStateException(
                    "Service fixture '" + fixture.getName() + "' cannot be instantiated (" + e
                            + "). Give it a public no-argument constructor and implement ServiceFixture<Listener>.",
                    e);
        }
    }
}
