package nl.eentegeneenzaamheid.registry.eventstore;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.RegexPatternTypeFilter;
import java.util.regex.Pattern;

/**
 * Every event class of the registry: the records permitted by the sealed {@code *Event} interfaces of its features,
 * found on the class path so that a feature's new event interface is covered without anyone listing it here.
 */
final class EventTypes {

    private static final String ROOT = "nl.eentegeneenzaamheid.registry";

    private EventTypes() {
    }

    static List<Class<?>> sealedEventInterfaces() {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false) {
            @Override
            protected boolean isCandidateComponent(AnnotatedBeanDefinition definition) {
                return definition.getMetadata().isInterface();
            }
        };
        scanner.addIncludeFilter(new RegexPatternTypeFilter(Pattern.compile(".*Event")));
        List<Class<?>> found = new ArrayList<>();
        for (BeanDefinition definition : scanner.findCandidateComponents(ROOT)) {
            Class<?> type = load(definition.getBeanClassName());
            if (type.isSealed()) {
                found.add(type);
            }
        }
        found.sort(Comparator.comparing(Class::getName));
        return found;
    }

    /** The records that implement a sealed event interface, through nested sealed interfaces too. */
    static List<Class<?>> eventClasses() {
        List<Class<?>> events = new ArrayList<>();
        sealedEventInterfaces().forEach(type -> collect(type, events));
        events.sort(Comparator.comparing(Class::getName));
        return events;
    }

    private static void collect(Class<?> type, List<Class<?>> events) {
        for (Class<?> permitted : type.getPermittedSubclasses()) {
            if (permitted.isSealed()) {
                collect(permitted, events);
            } else if (!events.contains(permitted)) {
                events.add(permitted);
            }
        }
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("Scanned class " + name + " cannot be loaded", e);
        }
    }
}
