package dev.eventcontracts.registry.consumers;

import java.util.regex.Pattern;

/** The names a consumer contract or deployment is stored under: letters, digits and {@code . _ - +}. */
final class ContractNames {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]{0,199}");

    private ContractNames() {}

    /**
     * @throws IllegalArgumentException naming the part, the value and the accepted characters
     */
    static String check(String what, String value) {
        if (value == null || !NAME.matcher(value).matches()) {
            throw new IllegalArgumentException("Invalid " + what + " '" + value + "': use 1 to 200 letters, digits,"
                    + " '.', '_', '+' or '-', starting with a letter or digit (e.g. 'inventory-svc', '1.4.0').");
        }
        return value;
    }
}
