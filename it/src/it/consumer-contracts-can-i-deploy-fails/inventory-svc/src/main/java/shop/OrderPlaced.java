package shop;

/** Stands in for the class Avro generates from order.avsc. */
public class OrderPlaced {
    public String getOrderId() {
        return null;
    }

    public String getCustomerId() {
        return null;
    }

    public double getAmount() {
        return 0;
    }
}
