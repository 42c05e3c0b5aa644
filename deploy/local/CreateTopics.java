import java.io.FileReader;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates the pipeline's topics (compacted) if they are missing. Run by run.sh as a single-file
 * program on the broker's classpath: java -cp 'lib/*' CreateTopics.java localhost:9092 name:partitions...
 * With -Dgitblog.kafka.client-config=FILE it also takes the client settings of that properties file (run.sh's
 * KAFKA_SASL=scram: security.protocol, sasl.mechanism, sasl.jaas.config).
 */
public class CreateTopics {
    public static void main(String[] args) throws Exception {
        Properties props = new Properties();
        String clientConfig = System.getProperty("gitblog.kafka.client-config");
        if (clientConfig != null) {
            try (Reader in = new FileReader(clientConfig)) {
                props.load(in);
            }
        }
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, args[0]);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "60000");
        try (Admin admin = Admin.create(props)) {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = new ArrayList<>();
            for (int i = 1; i < args.length; i++) {
                String[] spec = args[i].split(":");
                if (!existing.contains(spec[0])) {
                    missing.add(new NewTopic(spec[0], Integer.parseInt(spec[1]), (short) 1)
                            .configs(Map.of("cleanup.policy", "compact",
                                    "min.cleanable.dirty.ratio", "0.1",
                                    "segment.ms", "3600000",
                                    // a feed of long articles or a big page can pass the 1 MB default
                                    "max.message.bytes", "8388608")));
                }
            }
            if (missing.isEmpty()) {
                System.out.println("topics: all present");
                return;
            }
            try {
                admin.createTopics(missing).all().get();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
            System.out.println("topics: created " + missing.stream().map(NewTopic::name).toList());
        }
    }
}
