package dev.eventcontracts.junit;

import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;

/**
 * Deterministic sample objects of a Java type — a record, a POJO with setters or a constructor,
 * nested types, enums, lists, sets, maps, {@code Optional}, {@code java.time} types,
 * {@code BigDecimal}, {@code UUID} — the way the contract scenarios build JSON payloads
 * (docs/contract-tests.md, "Samples"). Sample {@code n} of a type is always the same object, and
 * two indexes give two different business events: strings read {@code <field>-<n>}, numbers,
 * dates and ids grow with {@code n}, enums cycle through their constants, and the idempotency key
 * reads like the Avro samples' ({@code o-<n>} for {@code orderId}).
 *
 * <p>A fixture may use it to start a business-invalid sample from a valid one:
 *
 * <pre>{@code
 * OrderPlaced valid = (OrderPlaced) TypeSamples.sample(OrderPlaced.class, 99, "orderId");
 * return List.of(new OrderPlaced(valid.orderId(), valid.sku(), -1));
 * }</pre>
 */
public final class TypeSamples {

    private static final int MAX_DEPTH = 5;
    private static final int BLANK = Integer.MIN_VALUE;
    private static final long BASE_EPOCH_SECOND = 1_767_225_600L; // 2026-01-01T00:00:00Z

    private final int index;
    private final String idempotencyKey;

    private TypeSamples(int index, String idempotencyKey) {
        this.index = index;
        this.idempotencyKey = idempotencyKey;
    }

    /**
     * Sample number {@code index} (1-based) of {@code type}.
     *
     * @param idempotencyKey dotted path of the business key in the payload, or empty
     * @throws IllegalArgumentException naming the type and the fix when it cannot be built
     */
    public static Object sample(Type type, int index, String idempotencyKey) {
        if (index < 1) {
            throw new IllegalArgumentException("Sample index '" + index + "' must be 1 or more.");
        }
        return new TypeSamples(index, idempotencyKey).value(type, rootName(type), "", 0);
    }

    /** Sample number {@code index} of {@code type}, without an idempotency key. */
    public static Object sample(Class<?> type, int index) {
        return sample(type, index, "");
    }

    /**
     * A sample of {@code type} whose strings are blank and numbers zero: well-formed, but invalid
     * for a consumer that validates its input.
     */
    public static Object blank(Class<?> type) {
        return new TypeSamples(BLANK, "").value(type, rootName(type), "", 0);
    }

    /**
     * The value samples give a string idempotency key: the first letter of its last segment, a
     * dash and the index, e.g. {@code o-3} for {@code orderId}.
     */
    public static String keyValue(String idempotencyKey, int index) {
        String last = idempotencyKey.substring(idempotencyKey.lastIndexOf('.') + 1);
        return Character.toLowerCase(last.isEmpty() ? 'k' : last.charAt(0)) + "-" + index;
    }

    private static String rootName(Type type) {
        return type instanceof Class<?> c ? c.getSimpleName() : "value";
    }

    private boolean blank() {
        return index == BLANK;
    }

    private Object value(Type type, String name, String path, int depth) {
        Class<?> raw = raw(type);
        boolean isKey = !idempotencyKey.isEmpty() && idempotencyKey.equals(path);
        if (blank() && raw != Boolean.class && raw != boolean.class && !raw.isEnum()) {
            Object zero = zero(raw);
            if (zero != null) {
                return zero;
            }
        }
        Object scalar = scalar(raw, name, isKey);
        if (scalar != null) {
            return scalar;
        }
        if (raw == Optional.class) {
            Object inner = value(argument(type, 0), name, path, depth);
            return Optional.ofNullable(inner);
        }
        if (raw.isArray() || type instanceof GenericArrayType) {
            Type component = type instanceof GenericArrayType g ? g.getGenericComponentType() : raw.getComponentType();
            Object array = Array.newInstance(raw(component), depth >= MAX_DEPTH ? 0 : 1);
            if (depth < MAX_DEPTH) {
                Array.set(array, 0, value(component, name, path, depth + 1));
            }
            return array;
        }
        if (Map.class.isAssignableFrom(raw)) {
            Map<Object, Object> map = new LinkedHashMap<>();
            if (depth < MAX_DEPTH) {
                map.put(
                        value(argument(type, 0), name + "Key", path, depth + 1),
                        value(argument(type, 1), name, path, depth + 1));
            }
            return map;
        }
        if (Collection.class.isAssignableFrom(raw) || raw == Iterable.class) {
            Collection<Object> items = Set.class.isAssignableFrom(raw) ? new LinkedHashSet<>() : new ArrayList<>();
            if (depth < MAX_DEPTH) {
                items.add(value(argument(type, 0), name, path, depth + 1));
            }
            return items;
        }
        if (depth >= MAX_DEPTH
                || raw == Object.class
                || raw.isInterface()
                || Modifier.isAbstract(raw.getModifiers())
                || raw.isPrimitive()) {
            return null;
        }
        try {
            return raw.isRecord() ? record(raw, path, depth) : bean(raw, path, depth);
        } catch (ReflectiveOperationException | RuntimeException e) {
            if (e instanceof IllegalArgumentException i
                    && i.getMessage() != null
                    && i.getMessage().startsWith("Cannot")) {
                throw i;
            }
            throw new IllegalArgumentException(
                    "Cannot build a sample '" + raw.getName() + "' (" + e + "). Give it a public canonical"
                            + " constructor (a record), a no-arg constructor with setters, or one public constructor"
                            + " taking every field; or supply samples from the fixture's samples().",
                    e);
        }
    }

    /** Values of the leaf types, or null when {@code raw} is not one. */
    private Object scalar(Class<?> raw, String name, boolean isKey) {
        int n = blank() ? 1 : index;
        if (raw == String.class || raw == CharSequence.class) {
            return isKey ? keyValue(idempotencyKey, n) : name + "-" + n;
        }
        if (raw == int.class || raw == Integer.class) {
            return isKey ? n : 1000 + n;
        }
        if (raw == long.class || raw == Long.class) {
            return isKey ? (long) n : 100_000L + n;
        }
        if (raw == short.class || raw == Short.class) {
            return (short) (10 + n % 1000);
        }
        if (raw == byte.class || raw == Byte.class) {
            return (byte) (n % 100);
        }
        if (raw == double.class || raw == Double.class) {
            return 10.5 + n;
        }
        if (raw == float.class || raw == Float.class) {
            return 10.5f + n;
        }
        if (raw == boolean.class || raw == Boolean.class) {
            return Boolean.TRUE;
        }
        if (raw == char.class || raw == Character.class) {
            return (char) ('a' + (n - 1) % 26);
        }
        if (raw == BigDecimal.class) {
            return new BigDecimal("10.50").add(BigDecimal.valueOf(n));
        }
        if (raw == BigInteger.class) {
            return BigInteger.valueOf(1000L + n);
        }
        if (raw == UUID.class) {
            return UUID.nameUUIDFromBytes((name + "-" + n).getBytes(StandardCharsets.UTF_8));
        }
        if (raw == Instant.class) {
            return Instant.ofEpochSecond(BASE_EPOCH_SECOND + 60L * n);
        }
        if (raw == LocalDate.class) {
            return LocalDate.of(2026, 1, 1).plusDays(n % 300);
        }
        if (raw == LocalDateTime.class) {
            return LocalDateTime.of(2026, 1, 1, 12, 0).plusMinutes(n);
        }
        if (raw == LocalTime.class) {
            return LocalTime.of(9, 0).plusSeconds(n);
        }
        if (raw == OffsetDateTime.class) {
            return OffsetDateTime.of(2026, 1, 1, 12, 0, 0, 0, ZoneOffset.UTC).plusMinutes(n);
        }
        if (raw == ZonedDateTime.class) {
            return ZonedDateTime.of(2026, 1, 1, 12, 0, 0, 0, ZoneOffset.UTC).plusMinutes(n);
        }
        if (raw == Duration.class) {
            return Duration.ofSeconds(n);
        }
        if (raw == OptionalInt.class) {
            return OptionalInt.of(1000 + n);
        }
        if (raw == OptionalLong.class) {
            return OptionalLong.of(100_000L + n);
        }
        if (raw == OptionalDouble.class) {
            return OptionalDouble.of(10.5 + n);
        }
        if (raw.isEnum()) {
            Object[] constants = raw.getEnumConstants();
            return constants.length == 0 ? null : constants[(n - 1) % constants.length];
        }
        if (raw == byte[].class) {
            return (name + "-" + n).getBytes(StandardCharsets.UTF_8);
        }
        return null;
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

    private Object record(Class<?> type, String path, int depth) throws ReflectiveOperationException {
        RecordComponent[] components = type.getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        Object[] args = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            String name = components[i].getName();
            args[i] = value(components[i].getGenericType(), name, child(path, name), depth + 1);
        }
        Constructor<?> c = type.getDeclaredConstructor(types);
        c.setAccessible(true);
        return c.newInstance(args);
    }

    /** A POJO: the no-arg constructor and setters (or fields), else the widest public constructor. */
    private Object bean(Class<?> type, String path, int depth) throws ReflectiveOperationException {
        Constructor<?> noArg = Arrays.stream(type.getDeclaredConstructors())
                .filter(c -> c.getParameterCount() == 0)
                .findFirst()
                .orElse(null);
        if (noArg == null) {
            return constructed(type, path, depth);
        }
        noArg.setAccessible(true);
        Object o = noArg.newInstance();
        for (Field f : fields(type)) {
            if (Modifier.isFinal(f.getModifiers())) {
                continue;
            }
            Object v = value(f.getGenericType(), f.getName(), child(path, f.getName()), depth + 1);
            Method setter = setter(type, f);
            if (setter != null) {
                setter.invoke(o, v);
            } else {
                f.setAccessible(true);
                f.set(o, v);
            }
        }
        return o;
    }

    private Object constructed(Class<?> type, String path, int depth) throws ReflectiveOperationException {
        Constructor<?> c = Arrays.stream(type.getConstructors())
                .max(Comparator.comparingInt(Constructor::getParameterCount))
                .orElseThrow(() -> new IllegalArgumentException("Cannot build a sample '" + type.getName()
                        + "': it has neither a no-arg nor a public constructor. Add one, or supply samples from the"
                        + " fixture's samples()."));
        Parameter[] params = c.getParameters();
        List<Field> fields = fields(type);
        boolean fieldOrder = fields.size() == params.length
                && java.util.stream.IntStream.range(0, params.length)
                        .allMatch(i -> fields.get(i).getType() == params[i].getType());
        Object[] args = new Object[params.length];
        for (int i = 0; i < params.length; i++) {
            String name = params[i].isNamePresent() || !fieldOrder
                    ? params[i].getName()
                    : fields.get(i).getName();
            args[i] = value(params[i].getParameterizedType(), name, child(path, name), depth + 1);
        }
        c.setAccessible(true);
        return c.newInstance(args);
    }

    private static List<Field> fields(Class<?> type) {
        List<Class<?>> chain = new ArrayList<>();
        for (Class<?> k = type; k != null && k != Object.class; k = k.getSuperclass()) {
            chain.add(0, k);
        }
        List<Field> out = new ArrayList<>();
        for (Class<?> k : chain) {
            for (Field f : k.getDeclaredFields()) {
                if (!Modifier.isStatic(f.getModifiers()) && !f.isSynthetic()) {
                    out.add(f);
                }
            }
        }
        return out;
    }

    private static Method setter(Class<?> type, Field f) {
        String name = "set" + Character.toUpperCase(f.getName().charAt(0))
                + f.getName().substring(1);
        try {
            Method m = type.getMethod(name, f.getType());
            return Modifier.isStatic(m.getModifiers()) ? null : m;
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    private static String child(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    private static Class<?> raw(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return raw(p.getRawType());
        }
        if (type instanceof GenericArrayType g) {
            return Array.newInstance(raw(g.getGenericComponentType()), 0).getClass();
        }
        if (type instanceof WildcardType w) {
            return raw(w.getUpperBounds()[0]);
        }
        return Object.class; // a type variable: nothing to build from
    }

    private static Type argument(Type type, int i) {
        if (type instanceof ParameterizedType p && p.getActualTypeArguments().length > i) {
            return p.getActualTypeArguments()[i];
        }
        return i == 0 ? String.class : Object.class;
    }
}
