package dev.eventcontracts.junit.internal.avro;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/**
 * Builds deterministic sample records from an Avro schema: the same seed, schema and index give
 * the same record. Strings read as {@code <field>-<index>} (the idempotency key as
 * {@code o-<index>} for {@code orderId}), logical types get valid values (dates in 2026, decimals
 * with the declared scale, UUIDs), unions take their first non-null branch, enums cycle through
 * their symbols, arrays and maps hold one or two entries.
 */
public final class SampleGenerator {

    private static final long BASE_EPOCH_MILLIS = 1_767_225_600_000L; // 2026-01-01T00:00:00Z

    private final long seed;

    /** A generator whose output depends only on {@code seed} and the arguments. */
    public SampleGenerator(long seed) {
        this.seed = seed;
    }

    /**
     * Sample number {@code index} (1-based) of {@code schema}.
     *
     * @param idempotencyKey dotted path of the business key, or empty
     */
    public GenericRecord sample(Schema schema, int index, String idempotencyKey) {
        if (schema.getType() != Schema.Type.RECORD) {
            throw new IllegalArgumentException("Schema '" + schema.getFullName() + "' is a " + schema.getType()
                    + ", not a record; " + "contract payloads must be Avro records.");
        }
        Random random = new Random(seed * 31 + index);
        return (GenericRecord) value(schema, "", random, index, idempotencyKey);
    }

    /** The value a sample gives the idempotency key, e.g. {@code o-3} for {@code orderId}. */
    public static String keyValue(String idempotencyKey, int index) {
        String last = idempotencyKey.substring(idempotencyKey.lastIndexOf('.') + 1);
        return Character.toLowerCase(last.isEmpty() ? 'k' : last.charAt(0)) + "-" + index;
    }

    private Object value(Schema schema, String path, Random random, int index, String key) {
        LogicalType logical = schema.getLogicalType();
        boolean isKey = !key.isEmpty() && key.equals(path);
        switch (schema.getType()) {
            case RECORD: {
                GenericData.Record record = new GenericData.Record(schema);
                for (Schema.Field field : schema.getFields()) {
                    String child = path.isEmpty() ? field.name() : path + "." + field.name();
                    record.put(field.pos(), value(field.schema(), child, random, index, key));
                }
                return record;
            }
            case UNION: {
                for (Schema branch : schema.getTypes()) {
                    if (branch.getType() != Schema.Type.NULL) {
                        return value(branch, path, random, index, key);
                    }
                }
                return null;
            }
            case ENUM:
                return new GenericData.EnumSymbol(
                        schema,
                        schema.getEnumSymbols()
                                .get((index - 1) % schema.getEnumSymbols().size()));
            case ARRAY: {
                List<Object> items = new ArrayList<>();
                int n = 1 + random.nextInt(2);
                for (int i = 0; i < n; i++) {
                    items.add(value(schema.getElementType(), path + "." + i, random, index, key));
                }
                return new GenericData.Array<>(schema, items);
            }
            case MAP: {
                Map<String, Object> map = new HashMap<>();
                map.put(leaf(path) + "-" + index, value(schema.getValueType(), path + ".v", random, index, key));
                return map;
            }
            case STRING:
                if ("uuid".equals(logicalName(logical))) {
                    return new UUID(random.nextLong(), random.nextLong()).toString();
                }
                return isKey ? keyValue(key, index) : leaf(path) + "-" + index;
            case BYTES:
                if (logical instanceof LogicalTypes.Decimal decimal) {
                    return decimal(schema, decimal, random);
                }
                byte[] bytes = new byte[4];
                random.nextBytes(bytes);
                return ByteBuffer.wrap(bytes);
            case FIXED: {
                if (logical instanceof LogicalTypes.Decimal decimal) {
                    return new Conversions.DecimalConversion().toFixed(decimalValue(decimal, random), schema, decimal);
                }
                byte[] fixed = new byte[schema.getFixedSize()];
                random.nextBytes(fixed);
                return new GenericData.Fixed(schema, fixed);
            }
            case INT:
                if (logical instanceof LogicalTypes.Date) {
                    return (int) LocalDate.of(2026, 1, 1).plusDays(index).toEpochDay();
                }
                if (logical instanceof LogicalTypes.TimeMillis) {
                    return 1000 * 60 * 60 * 9 + index * 1000;
                }
                return isKey ? index : 1 + random.nextInt(9);
            case LONG:
                if (logical instanceof LogicalTypes.TimestampMillis
                        || logical instanceof LogicalTypes.LocalTimestampMillis) {
                    return BASE_EPOCH_MILLIS + index * 60_000L;
                }
                if (logical instanceof LogicalTypes.TimestampMicros
                        || logical instanceof LogicalTypes.LocalTimestampMicros) {
                    return (BASE_EPOCH_MILLIS + index * 60_000L) * 1000;
                }
                if (logical instanceof LogicalTypes.TimeMicros) {
                    return 1000L * (1000 * 60 * 60 * 9 + index * 1000);
                }
                return isKey ? (long) index : 1 + (long) random.nextInt(1000);
            case FLOAT:
                return 1 + random.nextInt(100) / 4f;
            case DOUBLE:
                return 1 + random.nextInt(100) / 4d;
            case BOOLEAN:
                return index % 2 == 1;
            case NULL:
                return null;
            default:
                throw new IllegalArgumentException(
                        "Unsupported Avro type '" + schema.getType() + "' at '" + path + "'");
        }
    }

    private static String logicalName(LogicalType logical) {
        return logical == null ? null : logical.getName();
    }

    private static ByteBuffer decimal(Schema schema, LogicalTypes.Decimal decimal, Random random) {
        return new Conversions.DecimalConversion().toBytes(decimalValue(decimal, random), schema, decimal);
    }

    private static BigDecimal decimalValue(LogicalTypes.Decimal decimal, Random random) {
        int digits = Math.min(decimal.getPrecision(), 6);
        BigInteger unscaled = BigInteger.valueOf(1 + random.nextInt((int) Math.pow(10, Math.max(1, digits - 1))));
        return new BigDecimal(unscaled, decimal.getScale());
    }

    private static String leaf(String path) {
        String last = path.substring(path.lastIndexOf('.') + 1);
        return last.isEmpty() ? "value" : last;
    }
}
