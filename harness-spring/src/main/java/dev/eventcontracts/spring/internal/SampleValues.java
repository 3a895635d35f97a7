package dev.eventcontracts.spring.internal;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Sample payload objects for a Java record or POJO: every field filled, strings, numbers and ids
 * distinct per {@code seed} so that two samples are two different business events.
 */
public final class SampleValues {

    private static final int MAX_DEPTH = 4;

    private SampleValues() {}

    /**
     * A sample of {@code type} for {@code seed}.
     *
     * @throws IllegalArgumentException naming the type and the fix when it cannot be built
     */
    public static Object sample(Class<?> type, int seed) {
        return value(type, type.getSimpleName(), seed, 0);
    }

    /** A sample of {@code type} whose strings are blank and numbers zero: well-formed, but invalid. */
    public static Object blank(Class<?> type) {
        return value(type, type.getSimpleName(), BLANK, 0);
    }

    private static final int BLANK = Integer.MIN_VALUE;

    private static Object value(Class<?> type, String name, int seed, int depth) {
        if (seed == BLANK && type != Boolean.class && type != boolean.class && !type.isEnum()) {
            Object zero = zero(type);
            if (zero != null) {
                return zero;
            }
        }
        if (type == String.class || type == CharSequence.class) {
            return name + "-" + seed;
        }
        if (type == int.class || type == Integer.class) {
            return 1000 + seed;
        }
        if (type == long.class || type == Long.class) {
            return 100_000L + seed;
        }
        if (type == short.class || type == Short.class) {
            return (short) (10 + seed);
        }
        if (type == byte.class || type == Byte.class) {
            return (byte) (seed % 100);
        }
        if (type == double.class || type == Double.class) {
            return 10.5 + seed;
        }
        if (type == float.class || type == Float.class) {
            return 10.5f + seed;
        }
        if (type == boolean.class || type == Boolean.class) {
            return Boolean.TRUE;
        }
        if (type == char.class || type == Character.class) {
            return 'x';
        }
        if (type == BigDecimal.class) {
            return new BigDecimal("10.50").add(BigDecimal.valueOf(seed));
        }
        if (type == BigInteger.class) {
            return BigInteger.valueOf(1000L + seed);
        }
        if (type == UUID.class) {
            return UUID.nameUUIDFromBytes((name + "-" + seed).getBytes(StandardCharsets.UTF_8));
        }
        if (type == Instant.class) {
            return Instant.ofEpochSecond(1_767_225_600L + seed);
        }
        if (type == LocalDate.class) {
            return LocalDate.of(2026, 1, 1).plusDays(seed % 300);
        }
        if (type == LocalDateTime.class) {
            return LocalDateTime.of(2026, 1, 1, 12, 0).plusMinutes(seed);
        }
        if (type == OffsetDateTime.class) {
            return OffsetDateTime.of(2026, 1, 1, 12, 0, 0, 0, ZoneOffset.UTC).plusMinutes(seed);
        }
        if (type == ZonedDateTime.class) {
            return ZonedDateTime.of(2026, 1, 1, 12, 0, 0, 0, ZoneOffset.UTC).plusMinutes(seed);
        }
        if (type.isEnum()) {
            Object[] constants = type.getEnumConstants();
            return constants.length == 0 ? null : constants[0];
        }
        if (type == byte[].class) {
            return (name + "-" + seed).getBytes(StandardCharsets.UTF_8);
        }
        if (List.class.isAssignableFrom(type) || Collection.class == type) {
            return List.of();
        }
        if (Set.class.isAssignableFrom(type)) {
            return Set.of();
        }
        if (Map.class.isAssignableFrom(type)) {
            return Map.of();
        }
        if (depth >= MAX_DEPTH || type.isInterface() || Modifier.isAbstract(type.getModifiers()) || type.isArray()) {
            return null;
        }
        try {
            return type.isRecord() ? record(type, seed, depth) : bean(type, seed, depth);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalArgumentException(
                    "Cannot build a sample '" + type.getName() + "' (" + e
                            + "). Give the payload a public canonical constructor (a record) or a no-arg constructor.",
                    e);
        }
    }

    private static Object zero(Class<?> type) {
        if (type == String.class || type == CharSequence.class) {
            return "";
        }
        if (type == int.class || type == Integer.class) {
            return 0;
        }
        if (type == long.class || type == Long.class) {
            return 0L;
        }
        if (type == short.class || type == Short.class) {
            return (short) 0;
        }
        if (type == byte.class || type == Byte.class) {
            return (byte) 0;
        }
        if (type == double.class || type == Double.class) {
            return 0.0;
        }
        if (type == float.class || type == Float.class) {
            return 0.0f;
        }
        if (type == BigDecimal.class) {
            return BigDecimal.ZERO;
        }
        if (type == BigInteger.class) {
            return BigInteger.ZERO;
        }
        return null;
    }

    private static Object record(Class<?> type, int seed, int depth) throws ReflectiveOperationException {
        RecordComponent[] components = type.getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        Object[] args = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            args[i] = value(types[i], components[i].getName(), seed, depth + 1);
        }
        Constructor<?> c = type.getDeclaredConstructor(types);
        c.setAccessible(true);
        return c.newInstance(args);
    }

    private static Object bean(Class<?> type, int seed, int depth) throws ReflectiveOperationException {
        Constructor<?> c = type.getDeclaredConstructor();
        c.setAccessible(true);
        Object o = c.newInstance();
        for (Class<?> k = type; k != null && k != Object.class; k = k.getSuperclass()) {
            for (Field f : k.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers()) || Modifier.isFinal(f.getModifiers())) {
                    continue;
                }
                f.setAccessible(true);
                f.set(o, value(f.getType(), f.getName(), seed, depth + 1));
            }
        }
        return o;
    }
}
