package dev.eventcontracts.plugin;

/**
 * One {@code <subjects><subject>} entry of {@code check-compatibility} and {@code register}: the
 * subject name of a schema file and/or the level of a subject.
 *
 * <pre>{@code
 * <subjects>
 *   <subject>
 *     <file>order.avsc</file>            <!-- relative to <schemaDirectory> -->
 *     <name>orders-value</name>          <!-- default: the record's full name -->
 *     <level>FULL_TRANSITIVE</level>     <!-- default: <level> -->
 *   </subject>
 *   <subject>
 *     <name>shop.OrderShipped</name>     <!-- no <file>: sets the level of this subject -->
 *     <level>NONE</level>
 *   </subject>
 * </subjects>
 * }</pre>
 */
public class Subject {

    /** The schema file, relative to the schema directory. */
    private String file;

    /** The subject name. */
    private String name;

    /** The compatibility level. */
    private String level;

    /** The schema file, relative to the schema directory, or null. */
    public String getFile() {
        return file;
    }

    /** Sets the schema file. */
    public void setFile(String file) {
        this.file = file;
    }

    /** The subject name, or null. */
    public String getName() {
        return name;
    }

    /** Sets the subject name. */
    public void setName(String name) {
        this.name = name;
    }

    /** The level, or null. */
    public String getLevel() {
        return level;
    }

    /** Sets the level. */
    public void setLevel(String level) {
        this.level = level;
    }
}
