package io.kubemagic.engine.clair;

/** What a broken gate does to the build: fail it, mark it unstable, or only warn. */
public enum GateAction { FAIL, UNSTABLE, WARN }
