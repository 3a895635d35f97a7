package dev.eventcontracts.broker.amqp.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

class MethodSpecTest {

    @Test
    void everySpec_namesEachArgument_andIsFoundByItsIds() {
        for (MethodSpec spec : MethodSpec.values()) {
            assertThat(spec.fieldNames())
                    .as(spec.amqpName())
                    .hasSize(spec.fields().length());
            assertThat(spec.fieldNames()).as(spec.amqpName()).doesNotHaveDuplicates();
            assertThat(MethodSpec.lookup(spec.classId(), spec.methodId())).isSameAs(spec);
        }
        assertThat(MethodSpec.CONNECTION_CLOSE_OK.classId()).isEqualTo(10);
        assertThat(MethodSpec.CONNECTION_CLOSE_OK.methodId()).isEqualTo(51);
        assertThat(MethodSpec.lookup(60, 999)).isNull();
    }

    @Test
    void decodedPublish_readsItsArgumentsByName() {
        ByteBuf buf = Unpooled.buffer();
        AmqpMethod.of(MethodSpec.BASIC_PUBLISH, 0, "orders", "order.placed", true, false)
                .encode(buf);

        AmqpMethod m = AmqpMethod.decode(buf);

        assertThat(m.is(MethodSpec.BASIC_PUBLISH)).isTrue();
        assertThat(m.string("exchange")).isEqualTo("orders");
        assertThat(m.string("routing-key")).isEqualTo("order.placed");
        assertThat(m.bit("mandatory")).isTrue();
        assertThat(m.bit("immediate")).isFalse();
    }

    @Test
    void unknownArgumentName_isACallerBug_namingTheArguments() {
        AmqpMethod ack = AmqpMethod.of(MethodSpec.BASIC_ACK, 7L, false);
        assertThat(ack.longLong("delivery-tag")).isEqualTo(7L);
        assertThatThrownBy(() -> ack.bit("requeue"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("basic.ack has no argument 'requeue'; it has [delivery-tag, multiple]");
        assertThatThrownBy(() -> AmqpMethod.of(MethodSpec.BASIC_ACK, 7L))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("basic.ack takes 2 arguments");
    }
}
