package dev.eventcontracts.broker.amqp.connection;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ServerTlsTest {

    @Test
    void commonName_isTheMostSpecificCnOfTheSubject() {
        assertThat(ServerTls.commonName("CN=app,OU=payments,O=acme")).contains("app");
        assertThat(ServerTls.commonName("CN=host-1,CN=app,O=acme")).contains("host-1");
        assertThat(ServerTls.commonName("cn=orders\\, eu,O=acme")).contains("orders, eu");
    }

    @Test
    void commonName_isEmptyWithoutACnOrForAMalformedName() {
        assertThat(ServerTls.commonName("OU=payments,O=acme")).isEmpty();
        assertThat(ServerTls.commonName("not a distinguished name")).isEmpty();
    }
}
