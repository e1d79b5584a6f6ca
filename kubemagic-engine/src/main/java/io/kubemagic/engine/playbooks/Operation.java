package io.kubemagic.engine.playbooks;

import io.kubemagic.engine.site.SiteLayout.Checkout;

/** The named operations of the Kube Magic workflow, each one or more upstream playbooks. */
public enum Operation {
    /** Kubespray cluster.yml ({@code make deploy-kube}). */
    KUBE_DEPLOY("kubespray.deploy", "kubeDeploy", Checkout.KUBESPRAY),
    /** Kubespray scale.yml, limited to the new nodes. */
    KUBESPRAY_SCALE("kubespray.scale", "kubesprayScale", Checkout.KUBESPRAY),
    /** Kubespray recover-control-plane.yml with -l etcd,kube_control_plane -e etcd_retries=N. */
    KUBESPRAY_RECOVER_CONTROL_PLANE("kubespray.recover-control-plane", "kubesprayRecoverControlPlane", Checkout.KUBESPRAY),
    /** Kubespray remove-node.yml -e node=NAME. */
    KUBESPRAY_REMOVE_NODE("kubespray.remove-node", "kubesprayRemoveNode", Checkout.KUBESPRAY),
    /** Kubespray reset.yml, only with an explicit confirmation. */
    KUBESPRAY_RESET("kubespray.reset", "kubesprayReset", Checkout.KUBESPRAY),
    /** ceph-ansible site.yml or site-container.yml ({@code make deploy-ceph}). */
    CEPH_DEPLOY("ceph.deploy", "cephDeploy", Checkout.CEPH),
    /** openshift-ansible playbooks/prerequisites.yml then playbooks/deploy_cluster.yml ({@code make deploy-openshift}). */
    OPENSHIFT_DEPLOY("openshift.deploy", "openshiftDeploy", Checkout.OPENSHIFT),
    /** Any playbook of the custom checkout: post-install, logging, monitoring, tekton ({@code make deploy-post} ...). */
    PLAYBOOK("playbook.run", "kubeMagicPlaybook", Checkout.CUSTOM);

    private final String auditName;
    private final String stepName;
    private final Checkout checkout;

    Operation(String auditName, String stepName, Checkout checkout) {
        this.auditName = auditName;
        this.stepName = stepName;
        this.checkout = checkout;
    }

    /** The operation's name in audit records ("kubespray.deploy"). */
    public String auditName() {
        return auditName;
    }

    /** The Pipeline step that runs it. */
    public String stepName() {
        return stepName;
    }

    public Checkout checkout() {
        return checkout;
    }
}
