"""deploy/k8s renders (kustomize), is valid Kubernetes (kubeconform against the JSON schemas,
offline), and keeps the security and wiring rules its README states; the image matches.

The tools are pinned and installed by deploy/local/setup.sh (deploy/local/tools.sh); a missing
tool fails here, it is never skipped.
"""

from __future__ import annotations

import functools
import ipaddress
import re
import subprocess
from pathlib import Path

import pytest
import yaml

from schemas import topics
from services.launcher import SERVICES
from tests.unit.test_compose import SETTINGS, variables

ROOT = Path(__file__).resolve().parents[2]
K8S = ROOT / "deploy" / "k8s"
OVERLAYS = ("local", "production")
# Kubernetes versions the manifests must be valid for: the oldest a council is likely to run
# still, and the newest the schemas package knows.
KUBERNETES_VERSIONS = ("1.31.0", "1.37.0")
HTTP_SERVICES = {"audit_capture", "feedback_ingestion", "reporting", "learning"}
# Secrets the production overlay references and the council creates (deploy/k8s/README.md).
PRODUCTION_SECRETS = {"qa-platform-secrets": {"QA_AUTH_DEV_SECRET", "QA_OIDC_CLIENT_SECRET",
                                              "QA_MASTER_KEY"},
                      **{f"qa-{s.replace('_', '-')}": {"QA_MONGO_URI"} for s in SERVICES}}
PRODUCTION_SECRETS["qa-feedback-ingestion"] |= {"QA_WEBHOOK_SECRETS"}
DATA_PROTECTION_PEER = {"podSelector": {"matchLabels": {"app.kubernetes.io/name": "data-protection"}}}
SECRET_VARIABLES = {"QA_MONGO_URI", "QA_WEBHOOK_SECRETS", "QA_AUTH_DEV_SECRET",
                    "QA_OIDC_CLIENT_SECRET", "QA_MASTER_KEY"}


@functools.cache
def tools(what: str = "dir") -> Path:
    """deploy/local/tools.sh's answer: "dir" (the tools, in bin/) or "schemas"."""
    found = Path(subprocess.run([ROOT / "deploy" / "local" / "tools.sh", what], check=True,
                                capture_output=True, text=True).stdout.strip())
    needed = ["bin/kustomize", "bin/kubeconform"] if what == "dir" else [
        f"v{v}-local-strict/deployment-apps-v1.json" for v in KUBERNETES_VERSIONS]
    for path in needed:
        assert (found / path).is_file(), f"{found / path} missing: run deploy/local/setup.sh"
    return found


@functools.cache
def rendered(overlay: str) -> str:
    return subprocess.run([tools() / "bin" / "kustomize", "build", K8S / "overlays" / overlay],
                          check=True, capture_output=True, text=True).stdout


@functools.cache
def resources(overlay: str) -> tuple[dict, ...]:
    return tuple(d for d in yaml.safe_load_all(rendered(overlay)) if d)


def of_kind(overlay: str, kind: str) -> dict[str, dict]:
    return {d["metadata"]["name"]: d for d in resources(overlay) if d["kind"] == kind}


def k8s_name(service: str) -> str:
    return service.replace("_", "-")


def container(deployment: dict) -> dict:
    (only,) = deployment["spec"]["template"]["spec"]["containers"]
    return only


def kubeconform(version: str, *paths: Path) -> subprocess.CompletedProcess:
    schemas = tools("schemas")
    return subprocess.run(
        [tools() / "bin" / "kubeconform", "-strict", "-summary", "-kubernetes-version", version,
         "-schema-location", f"{schemas}/{{{{ .NormalizedKubernetesVersion }}}}-local"
                             "{{ .StrictSuffix }}/{{ .ResourceKind }}{{ .KindSuffix }}.json",
         "-schema-location", f"{K8S}/schemas/{{{{ .ResourceKind }}}}{{{{ .KindSuffix }}}}.json",
         *paths],
        capture_output=True, text=True)


@pytest.mark.parametrize("version", KUBERNETES_VERSIONS)
def test_both_overlays_render_and_are_valid_kubernetes(version, tmp_path):
    """One kubeconform run for both overlays (each kind's schema is compiled once)."""
    for overlay in OVERLAYS:
        (tmp_path / f"{overlay}.yaml").write_text(rendered(overlay))
    result = kubeconform(version, *(tmp_path / f"{o}.yaml" for o in OVERLAYS))
    assert result.returncode == 0, result.stdout + result.stderr
    total = sum(len(resources(o)) for o in OVERLAYS)
    assert f"{total} resources found in 2 files - Valid: {total}, Invalid: 0, Errors: 0, " \
           "Skipped: 0" in result.stdout, result.stdout


def test_kubeconform_refuses_an_invalid_manifest(tmp_path):
    (deployment,) = [d for d in resources("local") if d["kind"] == "Deployment"][:1]
    bad = yaml.safe_dump(deployment).replace("readOnlyRootFilesystem: true",
                                             "readOnlyRootFilesystem: yes-please")
    (tmp_path / "bad.yaml").write_text(bad)
    result = kubeconform(KUBERNETES_VERSIONS[-1], tmp_path / "bad.yaml")
    assert result.returncode != 0 and "readOnlyRootFilesystem" in result.stdout, result.stdout


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_every_service_runs_its_module_on_its_port(overlay):
    deployments = of_kind(overlay, "Deployment")
    assert set(deployments) == {k8s_name(s) for s in SERVICES}
    for service in SERVICES:
        c = container(deployments[k8s_name(service)])
        port = SETTINGS[service].model_fields["http_port"].default
        assert c["command"] == ["python", "-m", f"services.{service}"]
        assert c["ports"] == [{"name": "http", "containerPort": port, "protocol": "TCP"}]
        assert {"name": "QA_HTTP_PORT", "value": str(port)} in c["env"]


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_pods_are_locked_down(overlay):
    uid = dockerfile_user()
    for name, d in of_kind(overlay, "Deployment").items():
        pod = d["spec"]["template"]["spec"]
        assert pod["securityContext"]["runAsNonRoot"] is True, name
        assert pod["securityContext"]["runAsUser"] == uid, name
        assert pod["securityContext"]["seccompProfile"] == {"type": "RuntimeDefault"}, name
        assert pod["automountServiceAccountToken"] is False, name
        for key in ("hostNetwork", "hostPID", "hostIPC"):
            assert not pod.get(key), (name, key)
        for c in pod["containers"]:
            sc = c["securityContext"]
            assert sc["allowPrivilegeEscalation"] is False, name
            assert sc["readOnlyRootFilesystem"] is True, name
            assert sc.get("privileged", False) is False, name
            assert sc["capabilities"] == {"drop": ["ALL"]}, name
            assert sc["seccompProfile"] == {"type": "RuntimeDefault"}, name
            mounts = {m["mountPath"]: m["name"] for m in c["volumeMounts"]}
            volumes = {v["name"]: v for v in pod["volumes"]}
            assert "emptyDir" in volumes[mounts["/tmp"]], name


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_probes_resources_disruption_budgets_and_autoscalers(overlay):
    deployments = of_kind(overlay, "Deployment")
    budgets = of_kind(overlay, "PodDisruptionBudget")
    scalers = of_kind(overlay, "HorizontalPodAutoscaler")
    for name, d in deployments.items():
        c = container(d)
        assert c["readinessProbe"]["httpGet"] == {"path": "/readyz", "port": "http"}, name
        assert c["livenessProbe"]["httpGet"] == {"path": "/healthz", "port": "http"}, name
        requests, limits = c["resources"]["requests"], c["resources"]["limits"]
        assert cpu(requests["cpu"]) <= cpu(limits["cpu"]), name
        assert memory(requests["memory"]) <= memory(limits["memory"]), name
        labels = d["spec"]["template"]["metadata"]["labels"]
        assert budgets[name]["spec"]["selector"]["matchLabels"].items() <= labels.items()
    assert set(scalers) == {k8s_name(s) for s in HTTP_SERVICES}
    for name, hpa in scalers.items():
        assert hpa["spec"]["scaleTargetRef"] == {"apiVersion": "apps/v1",
                                                 "kind": "Deployment", "name": name}
        if overlay == "production":
            assert hpa["spec"]["minReplicas"] >= 2
    if overlay == "production":
        assert all(d["spec"]["replicas"] >= 2 for d in deployments.values())
        assert all(not container(d)["image"].endswith(":latest") for d in deployments.values())


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_configuration_from_a_config_map_and_secrets_from_secrets(overlay):
    (config,) = of_kind(overlay, "ConfigMap").values()
    read = set().union(*(variables(s) for s in SETTINGS.values()))
    assert set(config["data"]) <= read, set(config["data"]) - read
    assert not set(config["data"]) & SECRET_VARIABLES
    expected = "production" if overlay == "production" else "development"
    assert config["data"]["QA_ENVIRONMENT"] == expected
    generated = of_kind(overlay, "Secret")
    if overlay == "production":
        assert not generated, "no secret values in git: the council creates them"
    for name, d in of_kind(overlay, "Deployment").items():
        c = container(d)
        from_config = [e["configMapRef"]["name"] for e in c["envFrom"] if "configMapRef" in e]
        assert from_config == [config["metadata"]["name"]], name
        referenced: dict[str, set[str]] = {}
        for e in c["envFrom"]:
            if "secretRef" in e:
                referenced.setdefault(e["secretRef"]["name"], set())
        for e in c["env"]:
            ref = e.get("valueFrom", {}).get("secretKeyRef")
            if ref:
                assert e["name"] == ref["key"] and e["name"] in SECRET_VARIABLES, e
                referenced.setdefault(ref["name"], set()).add(ref["key"])
            else:
                assert e["name"] not in SECRET_VARIABLES, e
        assert any("QA_MONGO_URI" in keys for keys in referenced.values()), name
        for secret, keys in referenced.items():
            if overlay == "production":
                assert keys <= PRODUCTION_SECRETS[secret], (name, secret, keys)
            else:  # every referenced Secret and key is generated by the overlay
                assert keys <= set(generated[secret]["data"]), (name, secret)
    if overlay == "production":  # the overlay's comment lists exactly what to create
        text = (K8S / "overlays" / "production" / "kustomization.yaml").read_text()
        for variable in set().union(*PRODUCTION_SECRETS.values()):
            assert variable in text


def test_network_policies_allow_only_what_each_service_needs():
    policies = of_kind("production", "NetworkPolicy")
    deny = policies["default-deny"]["spec"]
    assert deny["podSelector"] == {} and set(deny["policyTypes"]) == {"Ingress", "Egress"}
    assert "ingress" not in deny and "egress" not in deny
    for name, d in of_kind("production", "Deployment").items():
        labels = d["spec"]["template"]["metadata"]["labels"]
        mine = {p: s["spec"] for p, s in policies.items()
                if s["spec"]["podSelector"].get("matchLabels", {}).items() <= labels.items()
                and s["spec"]["podSelector"]}
        egress = [(rule, peer) for spec in mine.values() for rule in spec.get("egress", [])
                  for peer in rule["to"]]
        ports = {p["port"] for rule, _ in egress for p in rule["ports"]}
        # DNS, Kafka, the store, HTTPS (the OIDC issuer), OTLP/HTTP traces to the collector;
        # data protection also asks the platform's services to blank an erased subject.
        between_services = {"http"} if name == "data-protection" else set()
        assert ports == {53, 9092, 27017, 443, 4318} | between_services, (name, ports)
        assert all("ports" in rule for spec in mine.values() for rule in spec.get("egress", []))
        private = ipaddress.ip_network("10.0.0.0/8")
        reaches_private = any(
            "ipBlock" in peer and private.subnet_of(ipaddress.ip_network(peer["ipBlock"]["cidr"]))
            and not any(private.subnet_of(ipaddress.ip_network(e))
                        for e in peer["ipBlock"].get("except", []))
            for _, peer in egress)
        # Only action tracking (outgoing webhooks to the council's own systems) may reach
        # private addresses beyond Kafka and the store.
        assert reaches_private == (name == "action-tracking"), name
        ingress = [peer for spec in mine.values() for rule in spec.get("ingress", [])
                   for peer in rule["from"]]
        # From outside: the ingress controller and Prometheus; from inside, data protection alone.
        assert ingress and all("namespaceSelector" in peer or peer == DATA_PROTECTION_PEER
                               for peer in ingress), name


def test_topics_are_the_platforms_replicated_three_times():
    declared = {t["spec"]["topicName"]: t for t in of_kind("production", "KafkaTopic").values()}
    assert set(declared) == set(topics.ALL)
    for name, t in declared.items():
        assert t["metadata"]["namespace"] == "kafka"
        assert t["metadata"]["labels"]["strimzi.io/cluster"] == "qa-kafka"
        assert t["spec"]["replicas"] == 3, name
        assert t["spec"]["config"]["min.insync.replicas"] == 2, name
        assert t["spec"]["partitions"] >= 3, name
    readme = (K8S / "README.md").read_text()
    for name, t in declared.items():  # the README's topic table states each count and key
        assert re.search(rf"\| `{re.escape(name)}` \| {t['spec']['partitions']} \|", readme), name


def test_producers_wait_for_all_in_sync_replicas_idempotently():
    """What min.insync.replicas 2 relies on (deploy/k8s/README.md, Topics)."""
    for path in ("shared/kafka.py", "shared/producer.py"):
        source = (ROOT / path).read_text()
        assert 'acks="all"' in source and "enable_idempotence=True" in source, path


def test_the_image_runs_as_the_manifests_user_on_the_services_ports():
    dockerfile = (ROOT / "deploy" / "Dockerfile").read_text()
    exposed = {int(p) for line in re.findall(r"^EXPOSE (.+)$", dockerfile, re.M)
               for p in line.split()}
    assert exposed == {s.model_fields["http_port"].default for s in SETTINGS.values()}
    assert re.search(r"^ENV QA_HTTP_HOST=0\.0\.0\.0$", dockerfile, re.M)
    assert dockerfile_user() == 10001


def dockerfile_user() -> int:
    dockerfile = (ROOT / "deploy" / "Dockerfile").read_text()
    (user,) = re.findall(r"^USER (\S+)$", dockerfile, re.M)
    uid = user.split(":")[0]
    assert uid.isdigit(), "USER must be numeric, or runAsNonRoot cannot be checked"
    assert re.search(rf"useradd [^\n]*--uid {uid}\b", dockerfile)
    return int(uid)


def cpu(value: str | int) -> float:
    text = str(value)
    return float(text[:-1]) / 1000 if text.endswith("m") else float(text)


def memory(value: str) -> int:
    units = {"Ki": 2**10, "Mi": 2**20, "Gi": 2**30}
    for suffix, factor in units.items():
        if value.endswith(suffix):
            return int(value[: -len(suffix)]) * factor
    return int(value)
