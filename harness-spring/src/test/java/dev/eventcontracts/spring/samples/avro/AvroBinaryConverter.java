package dev.eventcontracts.spring.samples.avro;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.support.converter.MessageConversionException;
import org.springframework.amqp.support.converter.MessageConverter;

/** A service's own Avro converter: one record type, Avro binary, content type {@code application/avro}. */
public class AvroBinaryConverter<T extends SpecificRecord> implements MessageConverter {

    private final Class<T> type;

    public AvroBinaryConverter(Class<T> type) {
        this.type = type;
    }

    @Override
    public Message toMessage(Object object, MessageProperties properties) {
        if (!type.isInstance(object)) {
            throw new MessageConversionException("not a " + type.getName() + ": " + object);
        }
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
            new SpecificDatumWriter<>(type).write(type.cast(object), encoder);
            encoder.flush();
            properties.setContentType("application/avro");
            return new Message(out.toByteArray(), properties);
        } catch (IOException e) {
            throw new MessageConversionException("cannot write " + object, e);
        }
    }

    @Override
    public Object fromMessage(Message message) {
        try {
            BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(message.getBody(), null);
            T record = new SpecificDatumReader<>(type).read(null, decoder);
            if (!decoder.isEnd()) {
                throw new MessageConversionException("trailing bytes after a " + type.getSimpleName());
            }
            return record;
        } catch (IOException | RuntimeException e) {
            throw new MessageConversionException("not a " + type.getSimpleName() + " in Avro binary", e);
        }
    }
}
