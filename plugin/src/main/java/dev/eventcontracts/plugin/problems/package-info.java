/** The exceptions plugin cores throw for problems users can fix; the Mojos translate them once. */
package dev.eventcontracts.plugin.problems;
