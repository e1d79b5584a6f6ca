package io.kubemagic.engine.kube;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.VersionInfo;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.kubemagic.engine.console.SecretValue;
import io.kubemagic.engine.json.Json;

import java.net.InetAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * fabric8's mock API server in CRUD mode on 127.0.0.1, plus the one thing CRUD mode lacks: the
 * pods' eviction subresource. An eviction deletes the pod, unless a PodDisruptionBudget of its
 * namespace selects it and allows no disruption: then it answers 429, as the real API server does.
 */
public final class MockCluster implements AutoCloseable {
    public static final String TOKEN = "kubemagic-test-token-7f3a9c2e1b";
    private static final Pattern EVICTION = Pattern.compile("^/api/v1/namespaces/([^/]+)/pods/([^/?]+)/eviction.*");

    private final KubernetesMockServer server;
    private final KubernetesClient client;

    public MockCluster(String gitVersion) {
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), new EvictingDispatcher(gitVersion), false);
        server.setVersionInfo(new VersionInfo.Builder().withGitVersion(gitVersion).withMajor("1").withMinor("x").build());
        try {
            server.init(InetAddress.getByName("127.0.0.1"), 0);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
        client = server.createClient();
    }

    public KubernetesClient client() {
        return client;
    }

    public String url() {
        return "http://127.0.0.1:" + server.getPort();
    }

    public String kubeconfig() {
        return kubeconfig(url(), "token: " + TOKEN);
    }

    public static String kubeconfig(String server, String credentials) {
        return """
                apiVersion: v1
                kind: Config
                clusters:
                - name: test
                  cluster:
                    server: %s
                contexts:
                - name: admin@test
                  context:
                    cluster: test
                    user: admin
                current-context: admin@test
                users:
                - name: admin
                  user:
                    %s
                """.formatted(server, credentials);
    }

    public KubeTarget target() {
        return KubeTarget.of(SecretValue.of(kubeconfig()), null, Duration.ofSeconds(5));
    }

    public Node node(String name, boolean ready, String kubelet, String... pressure) {
        NodeBuilder node = new NodeBuilder().withNewMetadata().withName(name).endMetadata().withNewSpec().endSpec()
                .withNewStatus().addNewCondition().withType("Ready").withStatus(ready ? "True" : "False").endCondition()
                .withNewNodeInfo().withKubeletVersion(kubelet).endNodeInfo().endStatus();
        for (String type : pressure) {
            node.editStatus().addNewCondition().withType(type).withStatus("True").endCondition().endStatus();
        }
        return client.nodes().resource(node.build()).create();
    }

    /** A pod on {@code node}; owner "ReplicaSet/x", "DaemonSet/x" or null (unmanaged). */
    public Pod pod(String namespace, String name, String node, String owner, Map<String, String> labels, boolean emptyDir) {
        PodBuilder pod = new PodBuilder().withNewMetadata().withNamespace(namespace).withName(name).withLabels(labels).endMetadata()
                .withNewSpec().withNodeName(node).endSpec().withNewStatus().withPhase("Running").endStatus();
        if (owner != null) {
            String[] kindName = owner.split("/");
            pod.editMetadata().addNewOwnerReference().withApiVersion("apps/v1").withKind(kindName[0]).withName(kindName[1])
                    .withUid("uid-" + kindName[1]).withController(true).endOwnerReference().endMetadata();
        }
        if (emptyDir) {
            pod.editSpec().addNewVolume().withName("scratch").withNewEmptyDir().endEmptyDir().endVolume().endSpec();
        }
        return client.pods().inNamespace(namespace).resource(pod.build()).create();
    }

    public void budget(String namespace, String name, Map<String, String> selector, int minAvailable, int allowed) {
        client.policy().v1().podDisruptionBudget().inNamespace(namespace).resource(new PodDisruptionBudgetBuilder()
                .withNewMetadata().withNamespace(namespace).withName(name).endMetadata()
                .withNewSpec().withMinAvailable(new IntOrString(minAvailable)).withNewSelector().withMatchLabels(selector).endSelector().endSpec()
                .withNewStatus().withDisruptionsAllowed(allowed).withCurrentHealthy(minAvailable).withDesiredHealthy(minAvailable)
                .withExpectedPods(minAvailable).endStatus().build()).create();
    }

    @Override
    public void close() {
        client.close();
        server.destroy();
    }

    /** CRUD, plus POST .../pods/NAME/eviction honouring the PodDisruptionBudgets stored in CRUD. */
    static final class EvictingDispatcher extends KubernetesCrudDispatcher {
        private final String gitVersion;

        EvictingDispatcher(String gitVersion) {
            this.gitVersion = gitVersion;
        }

        /** /version, which the mock answers only through expectations, and CRUD for the rest. */
        @Override
        public MockResponse handleGet(String path) {
            if (path.equals("/version") || path.startsWith("/version?")) {
                return new MockResponse().setResponseCode(200).setBody("{\"major\":\"1\",\"minor\":\"x\",\"gitVersion\":\""
                        + gitVersion + "\",\"platform\":\"linux/amd64\"}");
            }
            return super.handleGet(path);
        }

        @Override
        public MockResponse handleCreate(RecordedRequest request) {
            Matcher eviction = EVICTION.matcher(request.getPath());
            if (!eviction.matches()) {
                return super.handleCreate(request);
            }
            String namespace = eviction.group(1);
            String name = eviction.group(2);
            String podPath = "/api/v1/namespaces/" + namespace + "/pods/" + name;
            Optional<JsonNode> pod = json(handleGet(podPath));
            if (pod.isEmpty()) {
                return status(404, "NotFound", "pods \"" + name + "\" not found");
            }
            JsonNode labels = pod.get().path("metadata").path("labels");
            for (JsonNode pdb : json(handleGet("/apis/policy/v1/namespaces/" + namespace + "/poddisruptionbudgets"))
                    .map(list -> list.path("items")).orElse(Json.mapper().createArrayNode())) {
                JsonNode wanted = pdb.path("spec").path("selector").path("matchLabels");
                boolean selects = wanted.size() > 0;
                for (var entry : (Iterable<Map.Entry<String, JsonNode>>) wanted::fields) {
                    selects &= entry.getValue().asText().equals(labels.path(entry.getKey()).asText(null));
                }
                if (selects && pdb.path("status").path("disruptionsAllowed").asInt(0) <= 0) {
                    return status(429, "TooManyRequests", "Cannot evict pod as it would violate the pod's disruption budget.");
                }
            }
            handleDelete(podPath);
            return new MockResponse().setResponseCode(201).setBody(request.getUtf8Body());
        }

        private static Optional<JsonNode> json(MockResponse response) {
            if (response.code() != 200 || response.getBody() == null) {
                return Optional.empty();
            }
            try {
                return Optional.of(Json.mapper().readTree(response.getBody().readUtf8()));
            } catch (java.io.IOException e) {
                return Optional.empty();
            }
        }

        private static MockResponse status(int code, String reason, String message) {
            return new MockResponse().setResponseCode(code).setBody("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\","
                    + "\"message\":\"" + message + "\",\"reason\":\"" + reason + "\",\"code\":" + code + "}");
        }
    }
}
