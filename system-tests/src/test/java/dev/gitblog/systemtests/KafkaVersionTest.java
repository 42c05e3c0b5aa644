package dev.gitblog.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.utils.AppInfoParser;
import org.junit.jupiter.api.Test;

/** The local broker (deploy/local/kafka/pom.xml) runs the Kafka version the services' clients are built with. */
class KafkaVersionTest {

    @Test
    void brokerVersionMatchesTheBomsKafkaClients() throws Exception {
        String pom = Files.readString(LocalSystem.PROJECT_ROOT.resolve("deploy/local/kafka/pom.xml"));
        Matcher m = Pattern.compile("<kafka.version>([^<]+)</kafka.version>").matcher(pom);
        m.find();
        assertEquals(AppInfoParser.getVersion(), m.group(1));
    }
}
